package dev.lrsched.schedules.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonToken;
import org.nd4j.shade.jackson.core.util.JsonParserDelegate;
import org.nd4j.shade.jackson.databind.BeanDescription;
import org.nd4j.shade.jackson.databind.BeanProperty;
import org.nd4j.shade.jackson.databind.DeserializationContext;
import org.nd4j.shade.jackson.databind.JavaType;
import org.nd4j.shade.jackson.databind.JsonDeserializer;
import org.nd4j.shade.jackson.databind.JsonMappingException;
import org.nd4j.shade.jackson.databind.deser.ContextualDeserializer;
import org.nd4j.shade.jackson.databind.deser.ResolvableDeserializer;
import org.nd4j.shade.jackson.databind.deser.std.StdDeserializer;
import org.nd4j.shade.jackson.databind.exc.UnrecognizedPropertyException;
import org.nd4j.shade.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * The deserializer behind {@link StrictJson}: Jackson's own bean deserializer for the class, read through a
 * parser view that rejects unknown and repeated fields of this object, plus the composite nesting limit of
 * {@link ScheduleNesting}, counted in the {@link DeserializationContext} while Jackson descends (Jackson reads
 * the wrapped schedules before the outer constructor runs, so a constructor check alone comes too late).
 *
 * <p>Used through {@code @JsonDeserialize(using = StrictJsonDeserializer.class)} on {@link StrictJson}; not
 * meant to be called directly.
 */
public final class StrictJsonDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {

    private static final long serialVersionUID = 1L;

    /** Per-call attribute of the current composite nesting depth (an Integer). */
    private static final Object DEPTH = new Object();

    private final transient JsonDeserializer<Object> delegate;
    private final List<String> accepted;
    private final boolean composite;
    /** The contextual deserializer, built once per mapper and class (lrsched classes have no per-property options). */
    private transient volatile StrictJsonDeserializer built;

    /** For Jackson (the annotation). */
    public StrictJsonDeserializer() {
        super(Object.class);
        this.delegate = null;
        this.accepted = Collections.emptyList();
        this.composite = false;
    }

    private StrictJsonDeserializer(Class<?> type, JsonDeserializer<Object> delegate, List<String> accepted,
                                   boolean composite) {
        super(type);
        this.delegate = delegate;
        this.accepted = accepted;
        this.composite = composite;
    }

    @Override
    public boolean isCachable() {
        return delegate == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
            throws JsonMappingException {
        if (delegate != null) {
            return this;
        }
        JavaType type = ctxt.getContextualType();
        if (type == null) {
            return ctxt.reportBadDefinition(Object.class, "StrictJson: no contextual type");
        }
        StrictJsonDeserializer b = built;
        if (b == null || b.handledType() != type.getRawClass()) {
            BeanDescription desc = ctxt.getConfig().introspect(type);
            JsonDeserializer<Object> bean = ctxt.getFactory().createBeanDeserializer(ctxt, type, desc);
            if (bean instanceof ResolvableDeserializer) {
                ((ResolvableDeserializer) bean).resolve(ctxt);
            }
            bean = (JsonDeserializer<Object>) ctxt.handleSecondaryContextualization(bean, null, type);
            Set<String> names = new LinkedHashSet<>();
            boolean holdsSchedules = false;
            for (BeanPropertyDefinition p : desc.findProperties()) {
                names.add(p.getName());
                JavaType t = p.getPrimaryType();
                holdsSchedules |= ISchedule.class.isAssignableFrom(t.getRawClass())
                        || (t.getContentType() != null && ISchedule.class.isAssignableFrom(t.getContentType().getRawClass()));
            }
            names.addAll(desc.getIgnoredPropertyNames());
            b = new StrictJsonDeserializer(type.getRawClass(), bean, Collections.unmodifiableList(new ArrayList<>(names)),
                    holdsSchedules);
            built = b;
        }
        return b;
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (delegate == null) {
            return ctxt.reportBadDefinition(Object.class, "StrictJson: deserializer used without contextualization");
        }
        Integer outer = (Integer) ctxt.getAttribute(DEPTH);
        int depth = outer == null ? 0 : outer;
        if (composite) {
            depth++;
            if (depth > ScheduleNesting.MAX_DEPTH) {
                throw ScheduleNesting.tooDeep(handledType().getSimpleName(), depth);
            }
        }
        ctxt.setAttribute(DEPTH, depth);
        try {
            return delegate.deserialize(new FieldCheckingParser(p, handledType(), accepted), ctxt);
        } finally {
            ctxt.setAttribute(DEPTH, outer);
        }
    }

    /**
     * A view of the parser that checks the field names of the object being read (not of nested values): each
     * must be accepted and appear once. Every way of advancing goes through {@link #nextToken()}.
     */
    private static final class FieldCheckingParser extends JsonParserDelegate {

        private final Class<?> type;
        private final List<String> accepted;
        private final Set<String> seen = new HashSet<>();
        /** Nesting below this object: 0 while between its own fields, -1 once it has ended. */
        private int level;

        FieldCheckingParser(JsonParser p, Class<?> type, List<String> accepted) throws IOException {
            super(p);
            this.type = type;
            this.accepted = accepted;
            // Jackson hands over the parser at the object's START_OBJECT or, after "@class", at its next field.
            if (p.currentToken() == JsonToken.FIELD_NAME) {
                field(p.currentName());
            }
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = delegate.nextToken();
            if (t == null || level < 0) {
                return t;
            }
            if (t.isStructStart()) {
                level++;
            } else if (t.isStructEnd()) {
                level--;
            } else if (t == JsonToken.FIELD_NAME && level == 0) {
                field(delegate.currentName());
            }
            return t;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken t = nextToken();
            return t == JsonToken.FIELD_NAME ? nextToken() : t;
        }

        @Override
        public JsonParser skipChildren() throws IOException {
            if (!delegate.hasCurrentToken() || !delegate.currentToken().isStructStart()) {
                return this;
            }
            int open = 1;
            while (open > 0) {
                JsonToken t = nextToken();
                if (t == null) {
                    break;
                }
                if (t.isStructStart()) {
                    open++;
                } else if (t.isStructEnd()) {
                    open--;
                }
            }
            return this;
        }

        private void field(String name) throws JsonMappingException {
            String cls = type.getSimpleName();
            // "@class" itself was consumed by Jackson's type handling: a second one is a repeat
            if (!seen.add(name) || "@class".equals(name)) {
                throw JsonMappingException.from(delegate, cls + ": duplicate field `" + name
                        + "`; each field may appear once");
            }
            if (!accepted.contains(name)) {
                throw new UnrecognizedPropertyException(delegate, cls + ": unknown field `" + name
                        + "`; accepted fields: " + String.join(", ", accepted), delegate.getCurrentLocation(), type,
                        name, new ArrayList<>(accepted)) {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public String getMessageSuffix() {
                        return null; // the accepted fields are in the message already
                    }
                };
            }
        }
    }
}
