package dynvm.cache.persist;

import dynvm.ir.Helper;

/**
 * Finds a {@link Helper} again from the stable name a stored block refers to it by: the binary
 * name of its declaring class and the method's name (helpers are never overloaded, see
 * {@link Helper#of}). The front-end's class loader knows the class; the store does not.
 */
@FunctionalInterface
public interface HelperResolver {
    /** The helper {@code className.method}; throws if there is none (the stored block is then ignored). */
    Helper resolve(String className, String method);

    /** The helper named {@code className#method} ({@link #nameOf}); throws if there is none or the name is malformed. */
    default Helper resolve(String name) {
        int hash = name.indexOf('#');
        if (hash < 0) throw new IllegalArgumentException("bad helper name " + name);
        return resolve(name.substring(0, hash), name.substring(hash + 1));
    }

    /** The name a block stores for {@code h}: {@code className#method}. */
    static String nameOf(Helper h) { return h.method.getDeclaringClass().getName() + "#" + h.method.getName(); }

    /**
     * Resolves through {@code loader} ({@code Class.forName}, then {@link Helper#of}), each name
     * once: looking a helper up reflects over its class, which costs far more than reading a block.
     */
    static HelperResolver of(ClassLoader loader) {
        java.util.Map<String, Helper> known = new java.util.concurrent.ConcurrentHashMap<>();
        return new HelperResolver() {
            @Override
            public Helper resolve(String cls, String method) {
                return known.computeIfAbsent(cls + "#" + method, k -> {
                    try {
                        return Helper.of(Class.forName(cls, true, loader), method);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalArgumentException("no helper class " + cls, e);
                    }
                });
            }

            // the stored name is the key: no concatenation per look-up
            @Override
            public Helper resolve(String name) {
                Helper h = known.get(name);
                return h != null ? h : HelperResolver.super.resolve(name);
            }
        };
    }
}
