package dev.posplan.planners;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything posplan states about one encoding, in one place, next to the code that builds it: the
 * catalogue entry ({@code GET /v1/schemes}) and the factory. Its {@link #parameters()} are the only
 * parameters the scheme accepts; {@link #create} rejects any other name, and the scheme reads each through its
 * {@link Parameter} (validation and default from the same declaration).
 *
 * @param name       registry name, e.g. {@code mrope-interleave}
 * @param summary    one line: what the encoding is
 * @param paper      the paper it comes from
 * @param reference  the reference code posplan is bit-exact to
 * @param axes       position axes of its plans (empty: the encoding has outputs but no position ids)
 * @param dtype      element type of its positions (or outputs) with the default parameters
 * @param formats    API names of the host formats whose streams it reads, the reference's first
 * @param parts      prompt part types it plans ({@code text}, {@code image}, {@code video}, {@code table},
 *                   {@code camera})
 * @param outputs    names of the tensors its plans carry besides positions ({@link PositionPlan#tensors()})
 * @param parameters its typed parameters
 * @param factory    builds the scheme from parameters already checked against {@code parameters}
 */
public record SchemeDeclaration(String name, String summary, String paper, Reference reference, List<String> axes,
        DType dtype, List<String> formats, List<String> parts, List<String> outputs, List<Parameter<?>> parameters,
        Function<SchemeParams, Scheme> factory) {

    /** Reference code: repository ({@code owner/name}), file path and commit. */
    public record Reference(String repo, String path, String commit) {
        public Reference {
            Objects.requireNonNull(repo, "repo");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(commit, "commit");
        }
    }

    public SchemeDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(factory, "factory");
        axes = List.copyOf(axes);
        formats = List.copyOf(formats);
        parts = List.copyOf(parts);
        outputs = List.copyOf(outputs);
        parameters = List.copyOf(parameters);
        if (formats.isEmpty() || parts.isEmpty()) {
            throw new IllegalArgumentException(name + ": a scheme reads at least one host format and part type");
        }
        if (parameters.stream().map(Parameter::name).distinct().count() != parameters.size()) {
            throw new IllegalArgumentException(name + ": duplicate parameter name");
        }
    }

    /**
     * Builds the scheme.
     *
     * @throws SchemeParams.InvalidParameterException naming the first undeclared or invalid parameter
     */
    public Scheme create(SchemeParams params) {
        params.requireDeclared(parameters);
        return factory.apply(params);
    }

    /**
     * What the scheme answers on demand with the default parameters (like {@link #dtype()}): built from the
     * declaration rather than declared beside it, so the catalogue cannot disagree with the scheme; parameters
     * may change it (V2PE's integral {@code rope_pos_id_version=default} has blocks, its float32 versions not),
     * which {@link Scheme#onDemand()} of the scheme a request builds tells.
     */
    public OnDemand onDemand() {
        return create(SchemeParams.empty()).onDemand();
    }

    /** The host format of the reference (the first of {@link #formats()}). */
    public String referenceFormat() {
        return formats.get(0);
    }

    /** The declared parameter named {@code name}. */
    public Parameter<?> parameter(String parameterName) {
        for (Parameter<?> p : parameters) {
            if (p.name().equals(parameterName)) {
                return p;
            }
        }
        throw new IllegalArgumentException(name + " declares no parameter '" + parameterName + "'");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Spells a declaration out field by field; every field but {@code outputs} is required. */
    public static final class Builder {
        private final String name;
        private String summary;
        private String paper;
        private Reference reference;
        private List<String> axes;
        private DType dtype;
        private List<String> formats;
        private List<String> parts;
        private List<String> outputs = List.of();
        private final List<Parameter<?>> parameters = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder summary(String text) {
            this.summary = text;
            return this;
        }

        public Builder paper(String text) {
            this.paper = text;
            return this;
        }

        public Builder reference(String repo, String path, String commit) {
            this.reference = new Reference(repo, path, commit);
            return this;
        }

        public Builder axes(List<String> names) {
            this.axes = names;
            return this;
        }

        public Builder dtype(DType type) {
            this.dtype = type;
            return this;
        }

        public Builder formats(String... apiNames) {
            this.formats = List.of(apiNames);
            return this;
        }

        public Builder parts(String... types) {
            this.parts = List.of(types);
            return this;
        }

        public Builder outputs(String... names) {
            this.outputs = List.of(names);
            return this;
        }

        public Builder parameters(List<? extends Parameter<?>> declared) {
            parameters.addAll(declared);
            return this;
        }

        public Builder parameters(Parameter<?>... declared) {
            return parameters(Arrays.asList(declared));
        }

        public SchemeDeclaration build(Function<SchemeParams, Scheme> factory) {
            return new SchemeDeclaration(name, summary, paper, reference, axes, dtype, formats, parts, outputs,
                    parameters, factory);
        }
    }
}
