// The Node Designer: authors build their own node types. A list of the custom types (each with its
// versions) beside an editor of one type: what it is (name, title, category, ports), its settings
// form (sections and components, with the form shown live as its users will see it), its code (SQL
// or Python, completing the settings and the inputs' columns) and a test on sample inputs. Save makes
// the next version; Publish puts a saved version in the palette; Export downloads its file.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Download, FilePlus2, Play, Send, Save, Upload } from 'lucide-react';
import { api, ApiFailure, call, raw } from '../../api/client';
import type { components as Schemas } from '../../api/schema';
import type { Me } from '../../api/types';
import { TopBar } from '../../components/TopBar';
import { navigate } from '../../components/navigation';
import { SqlEditor } from '../../forms/SqlEditor';
import { CustomForm } from '../../nodes/custom/CustomForm';
import { PythonEditor } from '../../nodes/custom/PythonEditor';
import { CATEGORIES, components, isNodeTypeDoc, starter, type NodeTypeDoc } from '../../nodes/custom/document';
import { messageOf, useDesigner } from '../designer/store';
import { stateLabel, useKernels } from '../kernels/kernelModel';
import { FormBuilder } from './FormBuilder';
import { SampleEditor, emptySample, type Sample } from './SampleEditor';
import { TestResult } from './TestResult';
import './nodedesigner.css';

type CustomType = Schemas['schemas']['CustomNodeTypeDto'];
type VersionDto = Schemas['schemas']['NodeTypeVersionDto'];
export type TestResultDto = Schemas['schemas']['NodeTypeTestResultDto'];

export function NodeDesignerPage(props: { user: Me; onLogout: () => void; path: string }) {
  const match = /^\/node-designer\/([a-z][a-z0-9_]*)$/.exec(props.path);
  const [types, setTypes] = useState<CustomType[]>();
  const [listFailure, setListFailure] = useState<string>();
  const reload = async () => {
    try {
      setTypes(await call(api.GET('/api/custom-node-types')));
    } catch (failure) {
      setListFailure(messageOf(failure));
    }
  };
  useEffect(() => {
    void reload();
  }, []);
  return (
    <div className="shell">
      <TopBar user={props.user} onLogout={props.onLogout} />
      <main className="ndz-page">
        <TypeList types={types} failure={listFailure} selected={match?.[1]} onImported={reload} />
        <Editor key={match?.[1] ?? 'new'} name={match?.[1]} types={types} onSaved={reload} />
      </main>
    </div>
  );
}

function TypeList(props: { types?: CustomType[]; failure?: string; selected?: string; onImported: () => Promise<void> }) {
  const notify = useDesigner((state) => state.notify);
  const file = useRef<HTMLInputElement>(null);
  const importFile = async (chosen: File) => {
    try {
      const response = await raw('/api/custom-node-types/import', { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: await chosen.text() });
      const saved = await response.json() as VersionDto;
      notify('success', `Imported '${saved.name}' as version ${saved.version} (published).`);
      await props.onImported();
      navigate('/node-designer/' + saved.name);
    } catch (failure) {
      notify('error', `'${chosen.name}' was not imported: ${messageOf(failure)}`);
    }
  };
  return (
    <aside className="ndz-list" aria-label="Custom node types">
      <div className="ndz-list-head">
        <h2>Node types</h2>
        <div className="ndz-list-actions">
          <button className="button primary" onClick={() => navigate('/node-designer')}><FilePlus2 size={14} /> New</button>
          <button className="button" onClick={() => file.current?.click()}><Upload size={14} /> Import</button>
          <input ref={file} type="file" accept=".yaml,.yml,.json" hidden aria-label="Node type file to import"
            onChange={(event) => { const chosen = event.target.files?.[0]; event.target.value = ''; if (chosen) void importFile(chosen); }} />
        </div>
      </div>
      {props.failure && <p className="error-text" role="alert">{props.failure}</p>}
      {props.types && props.types.length === 0 && <p className="muted small">No custom node types yet. Start one with New, or import a file.</p>}
      <ul>
        {(props.types ?? []).map((type) => (
          <li key={type.name}>
            <a href={'/node-designer/' + type.name} className={type.name === props.selected ? 'active' : ''}
              onClick={(event) => { event.preventDefault(); navigate('/node-designer/' + type.name); }}>
              <span className="ndz-list-title">{type.title}</span>
              <span className="muted small mono">{type.name} · {type.implementation} · v{type.versions?.length}
                {type.publishedVersion ? ` (v${type.publishedVersion} in the palette)` : ' (not published)'}</span>
            </a>
          </li>
        ))}
      </ul>
    </aside>
  );
}

type Tab = 'form' | 'code' | 'test';

function Editor(props: { name?: string; types?: CustomType[]; onSaved: () => Promise<void> }) {
  const notify = useDesigner((state) => state.notify);
  const [doc, setDoc] = useState<NodeTypeDoc>();
  const [version, setVersion] = useState<VersionDto>();
  const [dirty, setDirty] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [tab, setTab] = useState<Tab>('form');
  const [samples, setSamples] = useState<Record<string, Sample>>({});
  const [settings, setSettings] = useState<Record<string, unknown>>({});
  const [result, setResult] = useState<TestResultDto>();
  const [testing, setTesting] = useState(false);
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);
  const type = props.types?.find((candidate) => candidate.name === props.name);

  const newestVersion = type?.versions?.[type.versions.length - 1]?.version;
  useEffect(() => {
    if (!props.name) {
      setDoc(starter('sql'));
      return;
    }
    if (newestVersion === undefined) return;
    call(api.GET('/api/custom-node-types/{name}/versions/{version}', { params: { path: { name: props.name, version: newestVersion } } }))
      .then((detail) => {
        if (isNodeTypeDoc(detail.document)) setDoc(detail.document);
        setVersion(detail.version);
        setDirty(false);
      }, (error: unknown) => setFailure(messageOf(error)));
    // loaded once per type: a reload of the list (after a save) must not replace what is being edited
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.name, newestVersion === undefined]);

  const change = (next: NodeTypeDoc) => {
    setDoc(next);
    setDirty(true);
    setProblems([]);
  };
  const inputs = doc?.inputs ?? [];
  const sampleOf = (port: string) => samples[port] ?? emptySample();
  const columnsOf = (port: string) => sampleOf(port).columns.filter((column) => column.name !== '');

  if (failure) return <section className="ndz-editor"><p className="error-text" role="alert">{failure}</p></section>;
  if (props.name && props.types && !type) {
    return <section className="ndz-editor"><p className="muted">There is no custom node type '{props.name}'. Choose one in the list, or start a new one.</p></section>;
  }
  if (!doc) return <section className="ndz-editor"><p className="muted">Loading…</p></section>;

  const save = async (publish: boolean) => {
    try {
      const saved = await call(api.POST('/api/custom-node-types', { body: { document: doc as never, publish } }));
      setVersion(saved);
      setDirty(false);
      notify('success', `Saved '${saved.name}' version ${saved.version}${publish ? ', published to the palette' : ''}.`);
      await props.onSaved();
      if (props.name !== saved.name) navigate('/node-designer/' + saved.name);
    } catch (error) {
      const listed = error instanceof ApiFailure ? error.problems : [];
      setProblems(listed.map((problem) => ({ path: problem.path ?? '', message: problem.message ?? '' })));
      notify('error', `Not saved: ${messageOf(error)}`);
    }
  };
  const publish = async () => {
    if (!version) return;
    try {
      const published = await call(api.POST('/api/custom-node-types/{name}/versions/{version}/publish',
        { params: { path: { name: version.name!, version: version.version! } } }));
      setVersion(published);
      notify('success', `Version ${published.version} of '${published.name}' is in the palette.`);
      await props.onSaved();
    } catch (error) {
      notify('error', `Not published: ${messageOf(error)}`);
    }
  };
  const test = async () => {
    setTesting(true);
    try {
      const body = {
        document: doc as never,
        settings: settings as never,
        inputs: Object.fromEntries(inputs.map((port) => {
          // a column without a name is left out, with its cells
          const sample = sampleOf(port);
          const kept = sample.columns.flatMap((column, index) => (column.name !== '' ? [index] : []));
          return [port, {
            columns: kept.map((index) => sample.columns[index]),
            rows: sample.rows.map((row) => kept.map((index) => cellValue(row[index] ?? ''))) as never,
          }];
        })),
      };
      setResult(await call(api.POST('/api/custom-node-types/test', { body })));
    } catch (error) {
      setResult({ ok: false, problems: [{ message: messageOf(error) }], logs: [], rows: [] });
    } finally {
      setTesting(false);
    }
  };

  return (
    <section className="ndz-editor" aria-label="Node type editor">
      <header className="ndz-head">
        <div>
          <h1>{doc.title || doc.type}{dirty && <span className="ndz-dirty" title="Changes not saved"> •</span>}</h1>
          <p className="muted small">
            {version ? <>Version {version.version} saved by {version.createdBy ?? 'the node type directory'}{version.published ? ' · in the palette' : ' · not published'}{dirty ? ' · changed since' : ''}</>
              : 'Not saved yet'}
          </p>
        </div>
        <div className="ndz-actions">
          <button className="button" onClick={() => void save(false)} disabled={!dirty && version !== undefined}><Save size={14} /> Save as new version</button>
          <button className="button primary" onClick={() => (dirty || !version ? void save(true) : void publish())}
            disabled={!dirty && version?.published === true}>
            <Send size={14} /> {dirty || !version ? 'Save and publish' : `Publish v${version.version}`}
          </button>
          {version && (
            <a className="button" href={`/api/custom-node-types/${version.name}/versions/${version.version}/export?download=true`} download>
              <Download size={14} /> Export
            </a>
          )}
        </div>
      </header>
      {problems.length > 0 && (
        <ul className="settings-problems" role="alert" aria-label="Problems of the node type">
          {problems.map((problem, index) => <li key={index}><span className="mono">{problem.path}</span>: {problem.message}</li>)}
        </ul>
      )}
      <Identity doc={doc} onChange={change} locked={version !== undefined} />
      <div className="ndz-tabs" role="tablist">
        {(['form', 'code', 'test'] as Tab[]).map((name) => (
          <button key={name} role="tab" aria-selected={tab === name} className={'ndz-tab' + (tab === name ? ' active' : '')} onClick={() => setTab(name)}>
            {name === 'form' ? 'Form' : name === 'code' ? (doc.implementation.kind === 'sql' ? 'SQL' : 'Python') : 'Test'}
          </button>
        ))}
      </div>
      {tab === 'form' && (
        <div className="ndz-split">
          <FormBuilder doc={doc} onChange={change} />
          <section className="ndz-preview" aria-label="Settings as users see them">
            <h3>Settings as users see them</h3>
            <p className="muted small">Column pickers offer the sample inputs' columns (Test tab).</p>
            <CustomForm doc={doc} value={settings} onChange={setSettings} idPrefix="preview"
              columns={columnsOf} problems={(result?.problems ?? []).filter((problem) => problem.node === 'node' && problem.path?.startsWith('settings.'))
                .map((problem) => ({ path: problem.path!.replace(/^settings\./, ''), message: problem.message ?? '' }))} />
          </section>
        </div>
      )}
      {tab === 'code' && <Code doc={doc} onChange={change} columnsOf={columnsOf} />}
      {tab === 'test' && (
        <div className="ndz-test">
          <div className="ndz-samples">
            {inputs.length === 0 && <p className="muted">This node type has no inputs: the test runs it on its own.</p>}
            {inputs.map((port) => (
              <SampleEditor key={port} port={port} sample={sampleOf(port)} onChange={(next) => setSamples({ ...samples, [port]: next })} />
            ))}
          </div>
          <section className="ndz-test-settings" aria-label="Test settings">
            <h3>Settings</h3>
            {doc.implementation.kind === 'python' && <TestKernel settings={settings} onChange={setSettings} />}
            <CustomForm doc={doc} value={settings} onChange={setSettings} idPrefix="test" columns={columnsOf}
              problems={(result?.problems ?? []).filter((problem) => problem.node === 'node' && problem.path?.startsWith('settings.'))
                .map((problem) => ({ path: problem.path!.replace(/^settings\./, ''), message: problem.message ?? '' }))} />
            <button className="button primary" onClick={() => void test()} disabled={testing}>
              <Play size={14} /> {testing ? 'Running…' : 'Run the test'}
            </button>
          </section>
          {result && <TestResult result={result} />}
        </div>
      )}
    </section>
  );
}

function cellValue(text: string): unknown {
  if (text === '') return null;
  return text;
}

/** Name, title, category, description and ports. The name of a saved type is fixed (a new name is a new type). */
function Identity(props: { doc: NodeTypeDoc; onChange: (doc: NodeTypeDoc) => void; locked: boolean }) {
  const { doc } = props;
  const set = (patch: Partial<NodeTypeDoc>) => props.onChange({ ...doc, ...patch });
  const ports = (text: string) => text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  return (
    <div className="ndz-identity">
      <label className="field"><span>Type name</span>
        <input className="input mono" aria-label="Type name" value={doc.type} readOnly={props.locked}
          title={props.locked ? 'The name of a saved type is fixed; a new name makes a new type' : 'lower_snake_case, used in flow files'}
          onChange={(event) => set({ type: event.target.value })} />
      </label>
      <label className="field"><span>Title</span>
        <input className="input" aria-label="Title" value={doc.title} onChange={(event) => set({ title: event.target.value })} />
      </label>
      <label className="field"><span>Category</span>
        <select className="input" aria-label="Category" value={doc.category} onChange={(event) => set({ category: event.target.value })}>
          {CATEGORIES.map((category) => <option key={category} value={category}>{category}</option>)}
        </select>
      </label>
      <label className="field"><span>Implementation</span>
        <select className="input" aria-label="Implementation" value={doc.implementation.kind} disabled={props.locked}
          onChange={(event) => set({ implementation: starter(event.target.value as 'sql' | 'python').implementation })}>
          <option value="sql">SQL (runs in the engine)</option>
          <option value="python">Python (runs on a kernel)</option>
        </select>
      </label>
      <label className="field"><span>Inputs</span>
        <PortsInput ariaLabel="Input ports" value={doc.inputs} onCommit={(text) => set({ inputs: ports(text) })} />
      </label>
      <label className="field"><span>Outputs</span>
        <PortsInput ariaLabel="Output ports" value={doc.outputs} onCommit={(text) => set({ outputs: ports(text) })} />
      </label>
      <label className="field ndz-wide"><span>Description</span>
        <input className="input" aria-label="Description" value={doc.description ?? ''} onChange={(event) => set({ description: event.target.value })} />
      </label>
    </div>
  );
}

function PortsInput(props: { ariaLabel: string; value: string[]; onCommit: (text: string) => void }) {
  const [text, setText] = useState(props.value.join(', '));
  useEffect(() => setText(props.value.join(', ')), [props.value]);
  return <input className="input mono" aria-label={props.ariaLabel} value={text} placeholder="main" onChange={(event) => setText(event.target.value)}
    onBlur={() => props.onCommit(text)} onKeyDown={(event) => { if (event.key === 'Enter') props.onCommit(text); }} />;
}

function Code(props: { doc: NodeTypeDoc; onChange: (doc: NodeTypeDoc) => void; columnsOf: (port: string) => { name: string; type: string }[] }) {
  const { doc } = props;
  const settings = components(doc).map((component) => ({ name: component.name, detail: component.kind }));
  const columns = useMemo(() => doc.inputs.flatMap((port) => props.columnsOf(port)), [doc.inputs, props]);
  if (doc.implementation.kind === 'sql') {
    const implementation = doc.implementation;
    return (
      <section className="ndz-code-tab" aria-label="SQL">
        <p className="muted small">
          A DuckDB query. Each input is a table named after its port ({doc.inputs.join(', ') || 'none'}); each setting is
          {' '}<span className="mono">{'{{name}}'}</span>: a column becomes a quoted name, a text a quoted string, a number a number — never raw text.
        </p>
        <SqlEditor ariaLabel="SQL" dataField="implementation.sql" value={implementation.sql} minLines={8} maxLines={30} columns={columns}
          words={[...settings.map((setting) => ({ label: `{{${setting.name}}}`, detail: setting.detail, type: 'variable' })),
            ...doc.inputs.map((port) => ({ label: port, detail: 'input table', type: 'class' }))]}
          onChange={(sql) => props.onChange({ ...doc, implementation: { ...implementation, sql } })} />
      </section>
    );
  }
  const implementation = doc.implementation;
  return (
    <section className="ndz-code-tab" aria-label="Python">
      <p className="muted small mono">def process(inputs, settings):</p>
      <p className="muted small">
        <span className="mono">inputs["{doc.inputs[0] ?? 'main'}"]</span> is a Polars LazyFrame, <span className="mono">settings</span> a dict of
        the form's values; return a DataFrame (or a dict by output). The <span className="mono">flowfile</span> API is there (artifacts, logs, displays).
      </p>
      <PythonEditor ariaLabel="Python code" value={implementation.code} words={{ settings, inputs: doc.inputs, columns }}
        onChange={(code) => props.onChange({ ...doc, implementation: { ...implementation, code } })} />
      <p className="muted small mono">def predict_schema(input_schemas, settings):  <span className="ndz-optional">optional</span></p>
      <p className="muted small">
        Gives the output's columns before any run, so the nodes after it validate at once: <span className="mono">input_schemas["{doc.inputs[0] ?? 'main'}"]</span> is
        {' '}{'{column: DuckDB type}'}; return the output's columns the same way. Without it they are known after the first run.
      </p>
      <PythonEditor ariaLabel="predict_schema code" value={implementation.predict_schema ?? ''} words={{ settings, inputs: doc.inputs, columns }}
        onChange={(code) => props.onChange({ ...doc, implementation: { ...implementation, predict_schema: code.trim() === '' ? undefined : code } })} />
      <label className="field"><span>Packages it needs (checked against the kernel's environment before a run)</span>
        <PortsInput ariaLabel="Requirements" value={implementation.requirements ?? []}
          onCommit={(text) => props.onChange({ ...doc, implementation: { ...implementation,
            requirements: text.split(',').map((part) => part.trim()).filter((part) => part !== '') } })} />
      </label>
    </section>
  );
}

function TestKernel(props: { settings: Record<string, unknown>; onChange: (next: Record<string, unknown>) => void }) {
  const { kernels } = useKernels();
  const value = typeof props.settings.kernel_id === 'string' ? props.settings.kernel_id : '';
  return (
    <label className="field"><span>Kernel (a test starts it when it is stopped)</span>
      <select className="input" aria-label="Kernel" value={value}
        onChange={(event) => props.onChange({ ...props.settings, kernel_id: event.target.value || undefined, start_kernel: true })}>
        <option value="">Choose a kernel…</option>
        {(kernels ?? []).map((kernel) => <option key={kernel.id} value={kernel.id}>{kernel.id} — {stateLabel(kernel.state)}</option>)}
      </select>
    </label>
  );
}
