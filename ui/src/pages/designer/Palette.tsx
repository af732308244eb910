import { useMemo, useState } from 'react';
import { Search } from 'lucide-react';
import type { NodeTypeDto } from '../../api/types';
import { CATEGORY_ORDER, CATEGORY_TITLES, categoryIcon } from './categories';
import { NODE_TYPE_MIME } from './Canvas';

/** Node types by category, with search; drag one onto the canvas, or double-click to add it. */
export function Palette(props: { types: NodeTypeDto[]; onAdd: (type: string) => void }) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const matching = props.types.filter((type) => !needle
      || [type.type, type.title, type.description, type.category].some((text) => text?.toLowerCase().includes(needle)));
    const byCategory = new Map<string, NodeTypeDto[]>();
    for (const type of matching) {
      const category = type.category ?? 'transform';
      byCategory.set(category, [...(byCategory.get(category) ?? []), type]);
    }
    const order = (category: string) => {
      const index = CATEGORY_ORDER.indexOf(category);
      return index < 0 ? CATEGORY_ORDER.length : index;
    };
    return [...byCategory.entries()].sort((a, b) => order(a[0]) - order(b[0]));
  }, [props.types, query]);

  return (
    <aside className="palette" aria-label="Node types">
      <div className="palette-search">
        <Search size={14} className="muted" />
        <input aria-label="Search node types" placeholder="Search nodes" value={query} onChange={(event) => setQuery(event.target.value)} />
      </div>
      <div className="palette-groups">
        {groups.length === 0 && <p className="muted palette-none">No node type matches “{query}”.</p>}
        {groups.map(([category, types]) => {
          const Icon = categoryIcon(category);
          return (
            <section key={category}>
              <h3><Icon size={13} /> {CATEGORY_TITLES[category] ?? category}</h3>
              {types.map((type) => (
                <div
                  key={type.type}
                  className="palette-item"
                  role="button"
                  tabIndex={0}
                  draggable
                  data-node-type={type.type}
                  title={type.description}
                  onDragStart={(event) => {
                    event.dataTransfer.setData(NODE_TYPE_MIME, type.type!);
                    event.dataTransfer.effectAllowed = 'copy';
                  }}
                  onDoubleClick={() => props.onAdd(type.type!)}
                  onKeyDown={(event) => { if (event.key === 'Enter') props.onAdd(type.type!); }}
                >
                  <span className={'palette-icon category-' + category}><Icon size={13} /></span>
                  <span className="palette-texts">
                    <span className="palette-title">{type.title}</span>
                    <span className="palette-description">{type.description}</span>
                  </span>
                </div>
              ))}
            </section>
          );
        })}
      </div>
    </aside>
  );
}
