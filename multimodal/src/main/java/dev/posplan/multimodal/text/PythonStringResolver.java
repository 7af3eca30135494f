package dev.posplan.multimodal.text;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Set;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Jinjava's resolver, plus Python's {@code str} methods on strings: a call such as {@code s.strip('\n')} on a
 * {@link String} runs {@link TemplateString#strip(String)}. Everything else goes to the wrapped resolver.
 */
final class PythonStringResolver extends ELResolver {

    private static final Set<String> METHODS = Set.of("startswith", "endswith", "strip", "lstrip", "rstrip", "split");

    private final ELResolver delegate;

    PythonStringResolver(ELResolver delegate) {
        this.delegate = delegate;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base instanceof String s && method != null && METHODS.contains(method.toString())) {
            return delegate.invoke(context, new TemplateString(s), method, paramTypes, params);
        }
        return delegate.invoke(context, base, method, paramTypes, params);
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return delegate.getCommonPropertyType(context, base);
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return delegate.getFeatureDescriptors(context, base);
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return delegate.getType(context, base, property);
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return delegate.getValue(context, base, property);
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return delegate.isReadOnly(context, base, property);
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        delegate.setValue(context, base, property, value);
    }
}
