package io.flowfile.engine.registry;

import io.flowfile.engine.custom.CustomNodeType;
import io.flowfile.node.NodeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The node types an engine knows, by type name: the built-in (and plugged-in Java) types, fixed when
 * the registry is made, and the custom types authors publish while it runs, each with every published
 * version (a node names the version it was built with; without one, the newest).
 */
public final class NodeRegistry {

    private final Map<String, NodeType<?>> fixed;
    /** Custom type name → version → type; replaced as a whole on every change. */
    private volatile Map<String, NavigableMap<Integer, CustomNodeType>> custom = Map.of();

    private NodeRegistry(Collection<? extends NodeType<?>> types) {
        var byName = new TreeMap<String, NodeType<?>>();
        for (NodeType<?> type : types) {
            String name = type.descriptor().type();
            NodeType<?> previous = byName.put(name, type);
            if (previous != null) {
                throw new IllegalArgumentException("node type '" + name + "' is registered twice: by "
                        + previous.getClass().getName() + " and " + type.getClass().getName());
            }
        }
        this.fixed = Collections.unmodifiableMap(byName);
    }

    public static NodeRegistry of(Collection<? extends NodeType<?>> types) {
        return new NodeRegistry(types);
    }

    /** The node types listed in {@code META-INF/services/io.flowfile.node.NodeType} on the class path. */
    @SuppressWarnings("rawtypes")
    public static NodeRegistry load(ClassLoader classLoader) {
        var found = new ArrayList<NodeType<?>>();
        for (NodeType type : ServiceLoader.load(NodeType.class, classLoader)) {
            found.add(type);
        }
        return new NodeRegistry(found);
    }

    /** A registry of this one's built-in and plugged-in types only (no custom type): for a test of an unsaved type. */
    public NodeRegistry fixedOnly() {
        return new NodeRegistry(fixed.values());
    }

    /** Whether {@code type} names a built-in (or plugged-in Java) node type, which no custom type may take. */
    public boolean isFixed(String type) {
        return fixed.containsKey(type);
    }

    /**
     * Adds a version of a custom type (replacing an equal version).
     *
     * @throws IllegalArgumentException when the name is a built-in type's
     */
    public synchronized void publish(CustomNodeType type) {
        String name = type.descriptor().type();
        if (fixed.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is the name of a built-in node type; choose another name");
        }
        var next = new TreeMap<String, NavigableMap<Integer, CustomNodeType>>(custom);
        var versions = new TreeMap<Integer, CustomNodeType>(next.getOrDefault(name, new TreeMap<>()));
        versions.put(type.version(), type);
        next.put(name, Collections.unmodifiableNavigableMap(versions));
        custom = Collections.unmodifiableMap(next);
    }

    /** Removes every version of a custom type. */
    public synchronized void withdraw(String name) {
        var next = new TreeMap<String, NavigableMap<Integer, CustomNodeType>>(custom);
        next.remove(name);
        custom = Collections.unmodifiableMap(next);
    }

    /** A built-in type, or a custom type's newest version. */
    /**
     * {@link #load(ClassLoader)} and the Java node types of the plugin jars ({@code *.jar}) directly in
     * {@code plugins} (none when it does not exist), found by ServiceLoader in the jars'
     * {@code META-INF/services/io.flowfile.node.NodeType}. A jar that cannot be loaded, or a type whose
     * name is taken, is told to {@code problems} and left out.
     */
    @SuppressWarnings("rawtypes")
    public static NodeRegistry load(ClassLoader classLoader, java.nio.file.Path plugins, java.util.function.Consumer<String> problems) {
        var found = new ArrayList<NodeType<?>>();
        var names = new java.util.HashSet<String>();
        for (NodeType type : ServiceLoader.load(NodeType.class, classLoader)) {
            found.add(type);
            names.add(type.descriptor().type());
        }
        if (!java.nio.file.Files.isDirectory(plugins)) {
            return new NodeRegistry(found);
        }
        List<java.nio.file.Path> jars;
        try (var listing = java.nio.file.Files.list(plugins)) {
            jars = listing.filter(path -> path.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (java.io.IOException e) {
            problems.accept("cannot list the plugins directory " + plugins + ": " + e.getMessage());
            return new NodeRegistry(found);
        }
        for (java.nio.file.Path jar : jars) {
            // a loader per jar: plugins do not see each other's classes, and one bad jar is left out alone
            java.net.URLClassLoader loader;
            try {
                loader = new java.net.URLClassLoader("flowfile-plugin " + jar.getFileName(), new java.net.URL[] {jar.toUri().toURL()}, classLoader);
            } catch (java.net.MalformedURLException e) {
                problems.accept("plugin " + jar.getFileName() + " not loaded: " + e.getMessage());
                continue;
            }
            var providers = ServiceLoader.load(NodeType.class, loader).stream().iterator();
            for (int listed = 0; listed < 1000; listed++) { // bounded: a broken services file must not loop for ever
                ServiceLoader.Provider<NodeType> provider;
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    provider = providers.next();
                } catch (java.util.ServiceConfigurationError | LinkageError e) {
                    problems.accept("plugin " + jar.getFileName() + ": a node type not loaded: " + e.getMessage());
                    continue;
                }
                if (provider.type().getClassLoader() != loader) {
                    continue; // a built-in type, found again through the parent loader
                }
                try {
                    NodeType<?> type = provider.get();
                    String name = type.descriptor().type();
                    if (!names.add(name)) {
                        problems.accept("plugin " + jar.getFileName() + ": node type " + provider.type().getName()
                                + " not loaded: the name '" + name + "' is taken");
                        continue;
                    }
                    found.add(type);
                } catch (RuntimeException | java.util.ServiceConfigurationError | LinkageError e) {
                    problems.accept("plugin " + jar.getFileName() + ": node type " + provider.type().getName() + " not loaded: " + e);
                }
            }
        }
        return new NodeRegistry(found);
    }

    public Optional<NodeType<?>> find(String type) {
        NodeType<?> builtIn = fixed.get(type);
        if (builtIn != null) {
            return Optional.of(builtIn);
        }
        NavigableMap<Integer, CustomNodeType> versions = custom.get(type);
        return versions == null ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    /** {@link #find(String)}, or with a version: that version of a custom type. */
    public Optional<NodeType<?>> find(String type, Integer version) {
        if (version == null) {
            return find(type);
        }
        NavigableMap<Integer, CustomNodeType> versions = custom.get(type);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    /** The published versions of a custom type, oldest first (empty for a built-in or unknown type). */
    public List<Integer> versions(String type) {
        NavigableMap<Integer, CustomNodeType> versions = custom.get(type);
        return versions == null ? List.of() : List.copyOf(versions.keySet());
    }

    /** All node types (custom ones at their newest version), sorted by name. */
    public List<NodeType<?>> types() {
        var all = new TreeMap<String, NodeType<?>>(fixed);
        custom.forEach((name, versions) -> all.put(name, versions.lastEntry().getValue()));
        return List.copyOf(all.values());
    }

    public List<String> names() {
        var names = new TreeMap<String, Boolean>();
        fixed.keySet().forEach(name -> names.put(name, true));
        custom.keySet().forEach(name -> names.put(name, true));
        return List.copyOf(names.keySet());
    }
}
