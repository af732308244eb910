package io.flowfile.engine.flow;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.CharArrayReader;
import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * Jackson's YAML factory, whose parsers tell the anchor of every value: Jackson's own reports the
 * anchors of mappings and sequences only ({@link YAMLParser#getObjectId()}), not of scalars, which
 * {@link TreeReader} needs to resolve {@code path: *file}.
 */
final class YamlFactory extends YAMLFactory {

    YamlFactory(YAMLFactoryBuilder builder) {
        super(builder);
    }

    /** A YAML parser that tells the anchor of the value it is at. */
    static final class Parser extends YAMLParser {
        Parser(IOContext context, int features, int yamlFeatures, LoaderOptions options, ObjectCodec codec, Reader reader) {
            super(context, features, yamlFeatures, options, codec, reader);
        }

        /** The anchor ({@code &name}) of the value (scalar, mapping or sequence) the parser is at, or null. */
        String valueAnchor() {
            return _lastEvent instanceof NodeEvent node ? node.getAnchor() : null;
        }
    }

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) {
        return new Parser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
    }

    @Override
    protected YAMLParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable) {
        return new Parser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec,
                new CharArrayReader(data, offset, length));
    }
}
