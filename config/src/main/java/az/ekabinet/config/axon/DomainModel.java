package az.ekabinet.config.axon;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The domain's aggregates and command handlers, found where they are declared: an aggregate is a class marked with
 * Axon's {@link AggregateRoot}; a command handler is any other class with a {@link CommandHandler} method. The domain
 * knows no Spring, so they carry no Spring stereotype; this is how the application finds them instead of a list.
 */
record DomainModel(List<Class<?>> aggregates, List<Class<?>> commandHandlers) {

    static DomainModel scan(String basePackage) {
        var aggregates = new ClassPathScanningCandidateComponentProvider(false);
        aggregates.addIncludeFilter(new AnnotationTypeFilter(AggregateRoot.class));
        var handlers = new ClassPathScanningCandidateComponentProvider(false);
        handlers.addIncludeFilter((reader, factory) -> reader.getAnnotationMetadata()
                .hasAnnotatedMethods(CommandHandler.class.getName()));
        handlers.addExcludeFilter(new AnnotationTypeFilter(AggregateRoot.class));
        return new DomainModel(classes(aggregates, basePackage), classes(handlers, basePackage));
    }

    private static List<Class<?>> classes(ClassPathScanningCandidateComponentProvider scan, String basePackage) {
        return scan.findCandidateComponents(basePackage).stream()
                .map(definition -> ClassUtils.resolveClassName(definition.getBeanClassName(),
                        DomainModel.class.getClassLoader()))
                .sorted(Comparator.comparing(Class::getName))
                .<Class<?>>map(type -> type)
                .toList();
    }

    /**
     * A command handler made with its one public constructor: a {@code Repository<X>} parameter gets the aggregate
     * X's repository, any other parameter the application's component of its type.
     */
    static Object construct(Class<?> handler, Function<Class<?>, Repository<?>> repositories,
                            Function<Class<?>, Object> components) {
        Constructor<?>[] constructors = handler.getConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException(handler.getName() + " handles commands, so it needs exactly one public "
                    + "constructor");
        }
        Constructor<?> constructor = constructors[0];
        Type[] parameters = constructor.getGenericParameterTypes();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = parameters[i] instanceof ParameterizedType generic && generic.getRawType() == Repository.class
                    ? repositories.apply((Class<?>) generic.getActualTypeArguments()[0])
                    : components.apply(constructor.getParameterTypes()[i]);
        }
        try {
            return constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot make the command handler " + handler.getName(), e);
        }
    }
}
