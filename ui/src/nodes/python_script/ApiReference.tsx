/** The `flowfile` module the kernel offers, one click away from the notebook. */
import { Dialog } from '../../components/Dialog';

const ENTRIES: { group: string; items: [string, string][] }[] = [
  {
    group: 'Inputs and outputs',
    items: [
      ['flowfile.read_input(name="main")', 'The input as a memory-mapped Polars LazyFrame (.collect() for a DataFrame). In the notebook it reads the real upstream data.'],
      ['flowfile.read_first(name="main")', 'The first connection of an input.'],
      ['flowfile.read_inputs()', 'Every input: {name: [LazyFrame per connection]}.'],
      ['flowfile.publish_output(df, name="main")', 'Publishes a Polars, pandas or PyArrow frame as an output (declared in Outputs).'],
    ],
  },
  {
    group: 'Showing and logging',
    items: [
      ['flowfile.display(obj, title="")', 'Shows a figure, frame, image or HTML in the run (and here). The value of a cell\'s last line is shown too.'],
      ['flowfile.log(msg) / log_info / log_warning / log_error', 'A line in the run\'s log.'],
      ['flowfile.get_shared_location(filename)', 'A path in the owner\'s shared directory, kept between runs.'],
    ],
  },
  {
    group: 'Flow artifacts (this flow, this kernel)',
    items: [
      ['flowfile.publish_artifact(name, obj)', 'Keeps an object (Parquet, joblib or cloudpickle by type, SHA-256 checked).'],
      ['flowfile.read_artifact(name)', 'Reads it back; after a restart by the kernel\'s recovery mode (lazy, eager, clear).'],
      ['flowfile.delete_artifact(name) / list_artifacts()', 'Removes one / lists them.'],
    ],
  },
  {
    group: 'Global artifacts (the catalog, versioned)',
    items: [
      ['flowfile.publish_global(name, obj, description="", tags=[])', 'A new version in the catalog (needs a run of a registered flow); returns its id.'],
      ['flowfile.get_global(name, version=None)', 'The latest version, or the one asked for.'],
      ['flowfile.list_global_artifacts(tags=[])', 'Latest versions whose tags include all of these.'],
      ['flowfile.delete_global_artifact(name, version=None)', 'Every version, or one.'],
    ],
  },
];

export function ApiReference(props: { onClose: () => void }) {
  return (
    <Dialog title="The flowfile API" onClose={props.onClose} footer={<button type="button" className="button" onClick={props.onClose}>Close</button>}>
      <div className="pyn-reference">
        <p className="muted">
          <code>flowfile</code> is imported in every cell. Cells of one flow share their variables across cells and runs; other flows on the same
          kernel do not see them.
        </p>
        {ENTRIES.map((entry) => (
          <section key={entry.group}>
            <h3>{entry.group}</h3>
            <dl>
              {entry.items.map(([name, text]) => (
                <div key={name}>
                  <dt><code>{name}</code></dt>
                  <dd>{text}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <h3>Example</h3>
        <pre className="pyn-reference-example">{`import polars as pl
orders = flowfile.read_input().collect()
flowfile.log_info(f"{orders.height} orders")
flowfile.publish_output(orders.with_columns((pl.col("quantity") * pl.col("unit_price")).alias("revenue")))`}</pre>
      </div>
    </Dialog>
  );
}
