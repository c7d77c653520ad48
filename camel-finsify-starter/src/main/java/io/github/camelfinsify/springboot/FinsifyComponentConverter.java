package io.github.camelfinsify.springboot;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.camelfinsify.FinsifyConfiguration;
import io.github.camelfinsify.FinsifyLoginSecretResolver;
import io.github.camelfinsify.sync.LoginDirectory;
import io.github.camelfinsify.sync.LoginStatusStore;
import io.github.camelfinsify.sync.SyncRequests;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Binds the object options of {@code camel.component.finsify.*} from bean references: {@code #syncState} or
 * {@code #bean:syncState} is the bean of that name in the application context.
 */
@AutoConfiguration
@ConfigurationPropertiesBinding
public class FinsifyComponentConverter implements GenericConverter {

    /** The types of the object options of {@link FinsifyComponentConfiguration}. */
    static final List<Class<?>> BEAN_TYPES = List.of(
            FinsifyConfiguration.class,
            IdempotentRepository.class,
            LoginDirectory.class,
            FinsifyLoginSecretResolver.class,
            StateRepository.class,
            LoginStatusStore.class,
            SyncRequests.class,
            HttpClientConfigurer.class,
            SSLContextParameters.class,
            Clock.class,
            CloseableHttpClient.class);

    private final ApplicationContext applicationContext;

    public FinsifyComponentConverter(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return BEAN_TYPES.stream().map(type -> new ConvertiblePair(String.class, type)).collect(Collectors.toSet());
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String reference = source.toString();
        if (!reference.startsWith("#")) {
            throw new IllegalArgumentException("A " + targetType.getType().getSimpleName()
                                               + " option takes a bean reference such as #myBean, not '" + reference + "'");
        }
        String name = reference.startsWith("#bean:") ? reference.substring("#bean:".length()) : reference.substring(1);
        return applicationContext.getBean(name, targetType.getType());
    }
}
