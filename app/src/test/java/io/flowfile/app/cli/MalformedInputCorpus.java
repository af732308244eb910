package io.flowfile.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The malformed inputs the command line must refuse clearly: flow documents broken in every way a
 * hand or a tool breaks them, every node type's settings with a value of the wrong kind, a null or
 * an unknown name (generated from the settings' JSON schemas), data files that are empty, corrupt or
 * in another encoding, hostile spreadsheets and paths, and command-line options out of range. Each
 * entry names the words a clear answer contains (a key, a file, a line, an encoding).
 */
public final class MalformedInputCorpus {

    /**
     * One malformed input.
     *
     * @param name     what is wrong, as a person would say it
     * @param files    files written into the entry's own directory, by relative name
     * @param args     the command line; {@code {dir}} stands for the entry's directory
     * @param mustName words the answer must contain, ignoring case
     */
    public record Entry(String name, Map<String, byte[]> files, List<String> args, List<String> mustName) {

        /** The flow document text of an entry that validates one UTF-8 flow file, else null. */
        public String documentText() {
            if (!args.get(0).equals("validate") || files.size() != 1 || !args.get(1).endsWith("/" + files.keySet().iterator().next())) {
                return null;
            }
            byte[] bytes = files.values().iterator().next();
            return io.flowfile.node.TextEncoding.problem(bytes, bytes.length) == null && bytes.length > 0
                    ? new String(bytes, StandardCharsets.UTF_8) : null;
        }

        /** json or yaml, by the flow file's name. */
        public String format() {
            return files.keySet().iterator().next().endsWith(".json") ? "json" : "yaml";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Entry> entries = new ArrayList<>();

    private MalformedInputCorpus() {
    }

    /** Every entry, for the node types and settings schemas {@code flowfile nodes} and {@code flowfile schema} print. */
    public static List<Entry> entries(java.nio.file.Path dataDirectory) {
        List<String> types = io.flowfile.app.testing.Cli.run(dataDirectory, "nodes").out().lines()
                .filter(line -> line.matches("  \\S.*"))
                .map(line -> line.strip().split("\\s+")[0])
                .toList();
        if (!types.containsAll(List.of("filter", "read_csv", "join"))) {
            throw new IllegalStateException("node types from `flowfile nodes`: " + types);
        }
        return entries(types, type -> {
            try {
                return JSON.readTree(io.flowfile.app.testing.Cli.run(dataDirectory, "schema", type).out());
            } catch (IOException e) {
                throw new UncheckedIOException("schema of " + type, e);
            }
        });
    }

    /** Every entry; {@code schemaOf} answers a node type's settings schema. */
    static List<Entry> entries(List<String> nodeTypes, Function<String, JsonNode> schemaOf) {
        var corpus = new MalformedInputCorpus();
        corpus.documents();
        corpus.dataFiles();
        corpus.options();
        for (String type : nodeTypes) {
            corpus.settings(type, schemaOf.apply(type));
        }
        return List.copyOf(corpus.entries);
    }

    private void validate(String name, byte[] document, String fileName, String... mustName) {
        entries.add(new Entry(name, Map.of(fileName, document), List.of("validate", "{dir}/" + fileName), List.of(mustName)));
    }

    private void validate(String name, String yaml, String... mustName) {
        validate(name, yaml.getBytes(StandardCharsets.UTF_8), "flow.yaml", mustName);
    }

    private static final String HEAD = "flowfile: 1\nname: broken\n";
    private static final String SOURCE = "  - {id: src, type: manual_input, settings: {columns: [{name: a, type: BIGINT}], rows: [[1]]}}\n";

    private void documents() {
        validate("an empty file", "", "empty");
        validate("only blanks", "  \n\n ", "empty");
        validate("a YAML syntax error", HEAD + "nodes: [\n  - {id: a, type: filter\n", "line");
        validate("a JSON syntax error", "{\"flowfile\": 1, \"name\": \"x\", \"nodes\": [}".getBytes(StandardCharsets.UTF_8),
                "flow.json", "line");
        validate("JSON with trailing text", "{\"flowfile\": 1, \"name\": \"x\", \"nodes\": []} extra".getBytes(StandardCharsets.UTF_8),
                "flow.json", "extra");
        validate("a binary file", new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, 0, 0, 7, 8}, "flow.yaml", "not a text file");
        validate("a gzipped flow", gzip(HEAD + "nodes: []\n"), "flow.yaml", "gzip");
        validate("a flow in UTF-16", ("\uFEFF" + HEAD + "nodes: []\n").getBytes(StandardCharsets.UTF_16LE), "flow.yaml", "UTF-16");
        validate("a flow in Latin-1", (HEAD + "description: caf\u00e9\nnodes: []\n").getBytes(StandardCharsets.ISO_8859_1),
                "flow.yaml", "UTF-8");
        validate("no format version", "name: x\nnodes: []\n", "flowfile");
        validate("a format version in words", "flowfile: one\nname: x\nnodes: []\n", "flowfile");
        validate("a fractional format version", "flowfile: 1.5\nname: x\nnodes: []\n", "flowfile");
        validate("an unknown format version", "flowfile: 99\nname: x\nnodes: []\n", "flowfile", "99");
        validate("nodes not a list", HEAD + "nodes: {id: a}\n", "nodes");
        validate("a node without id", HEAD + "nodes:\n  - {type: filter}\n", "id");
        validate("a node without type", HEAD + "nodes:\n  - {id: a}\n", "type");
        validate("an unknown node type", HEAD + "nodes:\n  - {id: a, type: no_such_node}\n", "no_such_node");
        validate("two nodes with one id", HEAD + "nodes:\n" + SOURCE + SOURCE, "src");
        validate("a duplicate key in a node", HEAD + "nodes:\n  - {id: a, id: b, type: record_count}\n", "id");
        validate("a duplicate top-level key", HEAD + "name: again\nnodes: []\n", "name");
        validate("an unknown top-level key", HEAD + "nodez: []\n", "nodez");
        validate("an edge from an unknown node", HEAD + "nodes:\n" + SOURCE + "edges:\n  - {from: ghost, to: src}\n", "ghost");
        validate("an edge into an unknown port", HEAD + "nodes:\n" + SOURCE
                + "  - {id: j, type: join, settings: {keys: [{left: a, right: a}]}}\nedges:\n  - {from: src, to: j.middle}\n", "middle");
        validate("an edge without its target", HEAD + "nodes:\n" + SOURCE + "edges:\n  - {from: src}\n", "to");
        validate("a node feeding itself", HEAD + "nodes:\n  - {id: s, type: sort, settings: {keys: [{column: a}]}}\n"
                + "edges:\n  - {from: s, to: s}\n", "cycle");
        validate("a cycle of two", HEAD + "nodes:\n  - {id: x, type: record_count}\n  - {id: y, type: record_count}\n"
                + "edges:\n  - {from: x, to: y}\n  - {from: y, to: x}\n", "cycle");
        validate("parameters not a map", HEAD + "parameters: [a, b]\nnodes: []\n", "parameters");
        validate("an undefined parameter", HEAD + "nodes:\n  - {id: r, type: read_csv, settings: {path: \"${nope}.csv\"}}\n", "nope");
        validate("a YAML alias bomb", aliasBomb(), "alias");
        validate("a document over the size limit", hugeDocument(), "flow.yaml", "MB");
        validate("a node id with a slash", HEAD + "nodes:\n  - {id: a/b, type: record_count}\n", "a/b");
    }

    private void run(String name, String node, Map<String, byte[]> files, String... mustName) {
        String flow = HEAD + "nodes:\n  - {id: in, type: " + node + "}\n  - {id: count, type: record_count}\n"
                + "edges:\n  - {from: in, to: count}\n";
        var all = new LinkedHashMap<String, byte[]>(files);
        all.put("flow.yaml", flow.getBytes(StandardCharsets.UTF_8));
        entries.add(new Entry(name, all, List.of("run", "{dir}/flow.yaml"), List.of(mustName)));
    }

    private static Map<String, byte[]> file(String name, byte[] content) {
        return Map.of(name, content);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void dataFiles() {
        String csv = "read_csv, settings: {path: data.csv}";
        run("an empty CSV file", csv, file("data.csv", new byte[0]), "data.csv", "empty");
        run("a CSV file that is only a byte-order mark", csv, file("data.csv", new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}),
                "data.csv", "empty");
        run("a UTF-16 CSV file read as UTF-8", csv, file("data.csv", "\uFEFFid,name\n1,caf\u00e9\n".getBytes(StandardCharsets.UTF_16LE)),
                "data.csv", "UTF-16");
        run("a CSV file with an unterminated quote", csv, file("data.csv", utf8("id,name\n1,\"ann\n2,bob\n")), "data.csv", "quote");
        run("a CSV file in Latin-1 read as UTF-8", csv, file("data.csv", "id,name\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)),
                "data.csv", "UTF-8");
        run("a missing CSV file", csv, Map.of(), "data.csv", "not found");
        run("a CSV path that is a directory", "read_csv, settings: {path: sub}", file("sub/x.csv", utf8("a\n1\n")), "sub", "directory");
        run("a CSV path under a file", "read_csv, settings: {path: data.csv/x.csv}", file("data.csv", utf8("a\n1\n")), "data.csv", "not a directory");
        run("a path with a NUL character", "read_csv, settings: {path: \"da\\0ta.csv\"}", Map.of(), "settings.path", "NUL");
        run("a glob with an unclosed bracket", "read_csv, settings: {path: \"data[.csv\"}", Map.of(), "data[.csv");
        run("a glob with nested braces", "read_parquet, settings: {path: \"{a,{b,c}}.parquet\"}", Map.of(), "{a,{b,c}}.parquet", "glob");
        run("a corrupt Parquet file", "read_parquet, settings: {path: data.parquet}",
                file("data.parquet", utf8("PAR1 this is not parquet at all PAR1")), "data.parquet");
        run("a text file named .parquet", "read_parquet, settings: {path: data.parquet}", file("data.parquet", utf8("id,name\n1,a\n")),
                "data.parquet");
        run("an NDJSON file with a bad line", "read_json, settings: {path: data.ndjson}",
                file("data.ndjson", utf8("{\"a\": 1}\n{\"a\": 2\n{\"a\": 3}\n")), "data.ndjson", "line");
        run("a JSON file that is not JSON", "read_json, settings: {path: data.json}", file("data.json", utf8("hello, world")), "data.json");
        run("an empty JSON file", "read_json, settings: {path: data.json}", file("data.json", new byte[0]), "data.json");
        run("a spreadsheet that is not a zip", "read_excel, settings: {path: data.xlsx}", file("data.xlsx", utf8("not a workbook")),
                "data.xlsx", "not a zip");
        run("a spreadsheet with an external entity", "read_excel, settings: {path: data.xlsx}",
                file("data.xlsx", workbook("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&e;")), "data.xlsx", "DOCTYPE");
        run("a spreadsheet with an entity expansion bomb", "read_excel, settings: {path: data.xlsx}",
                file("data.xlsx", workbook(entityBomb(), "&l9;")), "data.xlsx", "DOCTYPE");
        run("an empty spreadsheet file", "read_excel, settings: {path: data.xlsx}", file("data.xlsx", new byte[0]), "data.xlsx",
                "not a zip");
    }

    private void writer(String name, String path, Map<String, byte[]> files, String... mustName) {
        String flow = HEAD + "nodes:\n" + SOURCE + "  - {id: out, type: write_csv, settings: {path: \"" + path + "\"}}\n"
                + "edges:\n  - {from: src, to: out}\n";
        var all = new LinkedHashMap<String, byte[]>(files);
        all.put("flow.yaml", utf8(flow));
        entries.add(new Entry(name, all, List.of("run", "{dir}/flow.yaml"), List.of(mustName)));
    }

    private void options() {
        writer("a writer's path under a file", "taken/out.csv", Map.of("taken", utf8("x")), "taken", "not a directory");
        writer("a writer's path that is a directory", "sub", Map.of("sub/x", utf8("x")), "sub", "is a directory");
        var flow = Map.of("flow.yaml", utf8(HEAD + "nodes:\n" + SOURCE));
        option("threads zero", flow, List.of("run", "{dir}/flow.yaml", "--threads", "0"), "threads");
        option("threads not a number", flow, List.of("run", "{dir}/flow.yaml", "--threads", "many"), "threads");
        option("parallelism out of range", flow, List.of("run", "{dir}/flow.yaml", "--parallelism", "1000"), "parallelism");
        option("a memory limit in unknown units", flow, List.of("run", "{dir}/flow.yaml", "--memory-limit", "5XB"), "memory-limit");
        option("an unknown mode", flow, List.of("run", "{dir}/flow.yaml", "--mode", "fast"), "mode");
        option("negative preview rows", flow, List.of("preview", "{dir}/flow.yaml", "src", "--rows", "-1"), "rows");
        option("a fractional preview row count", flow, List.of("preview", "{dir}/flow.yaml", "src", "--rows", "2.5"), "rows");
        option("an unknown option", flow, List.of("run", "{dir}/flow.yaml", "--turbo"), "--turbo");
        option("a parameter without a value", flow, List.of("run", "{dir}/flow.yaml", "-p", "novalue"), "novalue");
        option("an unknown output format", flow, List.of("format", "{dir}/flow.yaml", "--to", "xml"), "xml");
        option("format into a missing directory", flow, List.of("format", "{dir}/flow.yaml", "-o", "{dir}/missing/out.yaml"), "missing");
        option("a missing flow file", Map.of(), List.of("validate", "{dir}/nowhere.yaml"), "nowhere.yaml", "not found");
        option("a flow path that is a directory", Map.of("sub/x", utf8("x")), List.of("validate", "{dir}/sub"), "directory");
        option("a preview of an unknown node", flow, List.of("preview", "{dir}/flow.yaml", "ghost"), "ghost");
        option("a schema of an unknown type", Map.of(), List.of("schema", "no_such_type"), "no_such_type");
        option("a data directory that is a file", Map.of("file", utf8("x"), "flow.yaml", utf8(HEAD + "nodes:\n" + SOURCE)),
                List.of("run", "{dir}/flow.yaml", "--data-dir", "{dir}/file"), "file");
    }

    private void option(String name, Map<String, byte[]> files, List<String> args, String... mustName) {
        entries.add(new Entry(name, files, args, List.of(mustName)));
    }

    /**
     * For each setting: values of the wrong kind (also inside the items of a list of objects), a
     * null for each required one, and an unknown setting.
     */
    private void settings(String type, JsonNode schema) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String key = property.getKey();
            List<JsonNode> wrong = wrongValues(property.getValue());
            for (int i = 0; i < wrong.size(); i++) {
                settingsEntry(type, key + " of the wrong kind (" + (i + 1) + ")", key, wrong.get(i), key);
            }
            JsonNode items = property.getValue().path("items");
            for (Iterator<Map.Entry<String, JsonNode>> inner = items.path("properties").fields(); inner.hasNext(); ) {
                Map.Entry<String, JsonNode> itemProperty = inner.next();
                for (JsonNode value : wrongValues(itemProperty.getValue())) {
                    ObjectNode item = JSON.createObjectNode();
                    item.set(itemProperty.getKey(), value);
                    settingsEntry(type, key + "[0]." + itemProperty.getKey() + " of the wrong kind", key,
                            JSON.createArrayNode().add(item), itemProperty.getKey());
                    break;
                }
            }
            if (items.path("type").asText().equals("object")) {
                settingsEntry(type, "an unknown setting in " + key + "[0]", key,
                        JSON.createArrayNode().add(JSON.createObjectNode().put("no_such_field", 1)), "no_such_field");
            }
        }
        for (JsonNode required : schema.path("required")) {
            settingsEntry(type, required.asText() + " null", required.asText(), JSON.nullNode(), required.asText());
        }
        settingsEntry(type, "an unknown setting", "no_such_setting", JSON.getNodeFactory().numberNode(1), "no_such_setting");
    }

    private void settingsEntry(String type, String what, String key, JsonNode value, String mustName) {
        ObjectNode settings = JSON.createObjectNode();
        settings.set(key, value);
        ObjectNode node = JSON.createObjectNode().put("id", "n").put("type", type);
        node.set("settings", settings);
        ObjectNode document = JSON.createObjectNode().put("flowfile", 1).put("name", "settings");
        document.putArray("nodes").add(node);
        try {
            validate(type + ": " + what, JSON.writeValueAsBytes(document), "flow.json", mustName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Values no reader of {@code schema} should take; none when the schema does not say the kind. */
    private static List<JsonNode> wrongValues(JsonNode schema) {
        var factory = JSON.getNodeFactory();
        if (schema.has("enum")) {
            return List.of(factory.textNode("no_such_choice"), factory.numberNode(3));
        }
        return switch (schema.path("type").asText()) {
            case "string" -> List.of(factory.arrayNode().add(1).add(2), factory.objectNode().put("x", 1));
            case "integer" -> List.of(factory.numberNode(1.5), factory.textNode("many"));
            case "number" -> List.of(factory.textNode("abc"), factory.booleanNode(true));
            case "boolean" -> List.of(factory.textNode("perhaps"), factory.numberNode(1));
            case "array" -> List.of(factory.objectNode().put("x", 1), factory.numberNode(5));
            case "object" -> List.of(factory.textNode("x"), factory.arrayNode().add(1));
            default -> List.of();
        };
    }

    private static byte[] gzip(String text) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String aliasBomb() {
        var yaml = new StringBuilder(HEAD + "description: x\nparameters:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("  a").append(i).append(": &a").append(i).append(" [");
            yaml.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        return yaml.append("nodes: []\n").toString();
    }

    private static byte[] hugeDocument() {
        var yaml = new StringBuilder(HEAD + "nodes:\n  - id: big\n    type: manual_input\n    settings:\n"
                + "      columns: [{name: a, type: VARCHAR}]\n      rows:\n");
        String row = "        - [\"" + "x".repeat(100) + "\"]\n";
        while (yaml.length() < 60 * 1024 * 1024) {
            yaml.append(row);
        }
        return yaml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String entityBomb() {
        var dtd = new StringBuilder("<!DOCTYPE x [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return dtd.append("]>").toString();
    }

    /** A one-sheet workbook whose sheet carries {@code doctype} and a cell holding {@code text}. */
    private static byte[] workbook(String doctype, String text) {
        String ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var parts = new LinkedHashMap<String, String>();
        parts.put("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "</Types>");
        parts.put("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook " + ns + " xmlns:r=\"" + rel + "\"><sheets>"
                + "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
        parts.put("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?>" + doctype + "<worksheet " + ns + "><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>" + text + "</t></is></c></row></sheetData></worksheet>");
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
