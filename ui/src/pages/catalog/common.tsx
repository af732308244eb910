// What the catalog's pages share: the server's types, loading, formatting, links and state badges.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiFailure, api, call } from '../../api/client';
import type { components } from '../../api/schema';
import type { NodeTypeDto } from '../../api/types';
import { navigate } from '../../components/navigation';
import { messageOf } from '../designer/store';

type Schemas = components['schemas'];
export type CatalogRun = Schemas['CatalogRunDto'];
export type CatalogRunDetail = Schemas['CatalogRunDetail'];
export type NodeResult = Schemas['NodeResultDto'];
export type Display = Schemas['DisplayDto'];
export type Representation = Schemas['RepresentationDto'];
export type GlobalArtifact = Schemas['GlobalArtifactDto'];
export type Lineage = Schemas['LineageDto'];
export type FlowArtifact = Schemas['FlowArtifactDto'];
export type SettingChange = Schemas['SettingChange'];
export type Diff = Schemas['DiffDto'];
export type Version = Schemas['VersionDto'];
export type Flow = Schemas['FlowDto'];

/** Something loaded from the server: its data, the failure's message, and a way to load it again. */
export interface Loaded<T> {
  data?: T;
  error?: string;
  /** The server answered 404: trying again will not help. */
  missing?: boolean;
  loading: boolean;
  reload: () => void;
}

/** Loads with `load` whenever one of `deps` changes; an answer for older deps is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; missing?: boolean; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => { if (generation.current === mine) setState({ data, loading: false }); },
      (failure: unknown) => {
        if (generation.current === mine) {
          setState({ error: messageOf(failure), missing: failure instanceof ApiFailure && failure.status === 404, loading: false });
        }
      },
    );
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { ...state, reload };
}

let nodeTypes: Promise<NodeTypeDto[]> | undefined;

/** The node types (the palette's), loaded once per page load. */
export function useNodeTypes(): Map<string, NodeTypeDto> {
  const [types, setTypes] = useState<Map<string, NodeTypeDto>>(new Map());
  useEffect(() => {
    nodeTypes ??= call(api.GET('/api/node-types')).catch((failure: unknown) => {
      nodeTypes = undefined;
      throw failure;
    });
    let live = true;
    nodeTypes.then((list) => { if (live) setTypes(new Map(list.map((type) => [type.type!, type]))); }, () => undefined);
    return () => { live = false; };
  }, []);
  return types;
}

/** A link inside the application: a real address (open in a new tab works), followed without a reload. */
export function Link(props: { to: string; children: ReactNode; className?: string; title?: string; label?: string }) {
  return (
    <a href={props.to} className={props.className} title={props.title} aria-label={props.label}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        navigate(props.to);
      }}>
      {props.children}
    </a>
  );
}

export function flowPath(name: string): string {
  return '/catalog/flows/' + encodeURIComponent(name);
}

export function versionPath(name: string, version: number): string {
  return flowPath(name) + '/versions/' + version;
}

export function runPath(id: string): string {
  return '/catalog/runs/' + id;
}

export function artifactPath(name: string): string {
  return '/catalog/artifacts/' + encodeURIComponent(name);
}

/** The catalog answers RUNNING, the live runs running: one spelling for both. */
export function stateOf(value: string | undefined): string {
  return (value ?? 'unknown').toLowerCase();
}

export function isFinal(state: string | undefined): boolean {
  const value = stateOf(state);
  return value === 'succeeded' || value === 'failed' || value === 'cancelled';
}

export function StateBadge(props: { state: string | undefined }) {
  const state = stateOf(props.state);
  return <span className={'state-badge state-' + state} data-state={state}>{state}</span>;
}

export function formatTime(value: string | undefined): string {
  if (!value) return '';
  return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function formatDuration(millis: number | undefined | null): string {
  if (millis === undefined || millis === null) return '';
  if (millis < 1000) return `${millis} ms`;
  if (millis < 60_000) return `${(millis / 1000).toFixed(millis < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(millis / 60_000);
  const seconds = Math.round((millis % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}


export function formatRowCount(rows: number | undefined | null): string {
  return rows === undefined || rows === null ? '' : rows.toLocaleString('en-US');
}

/** The first 12 characters of a SHA-256, the whole on hover and in copies. */
export function Hash(props: { value: string | undefined }) {
  if (!props.value) return null;
  return <span className="mono hash" title={props.value} aria-label={'SHA-256 ' + props.value}>{props.value.slice(0, 12)}</span>;
}

export function shortId(id: string | undefined): string {
  return (id ?? '').slice(0, 8);
}

/** A JSON value as one line: strings unquoted when they are simple. */
export function showValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value);
}

/** Shown while a page's data loads, when it failed, or the content. */
export function Loading<T>(props: { loaded: Loaded<T>; what: string; children: (data: T) => ReactNode }) {
  if (props.loaded.error) {
    return (
      <div className="catalog-error" role="alert">
        <p>{props.what} could not be loaded: {props.loaded.error}</p>
        {!props.loaded.missing && <button className="button" onClick={props.loaded.reload}>Try again</button>}
      </div>
    );
  }
  if (props.loaded.data === undefined) return <p className="muted">Loading {props.what.toLowerCase()}…</p>;
  return <>{props.children(props.loaded.data)}</>;
}
