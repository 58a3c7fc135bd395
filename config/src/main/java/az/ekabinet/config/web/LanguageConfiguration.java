package az.ekabinet.config.web;

import az.ekabinet.command.shared.Locales;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The language of an answer, the same everywhere: English when the client ranks it above Azerbaijani, else
 * Azerbaijani ({@link Locales#of}). Registered as WebFlux's {@code localeContextResolver}, so any endpoint reads it
 * from {@code exchange.getLocaleContext()} without knowing the rule.
 */
@Configuration(proxyBeanMethods = false)
public class LanguageConfiguration {

    @Bean(name = "localeContextResolver")
    public LocaleContextResolver localeContextResolver() {
        return new LocaleContextResolver() {
            @Override
            public org.springframework.context.i18n.LocaleContext resolveLocaleContext(
                    org.springframework.web.server.ServerWebExchange exchange) {
                return new SimpleLocaleContext(Locales.of(exchange.getRequest()));
            }

            @Override
            public void setLocaleContext(org.springframework.web.server.ServerWebExchange exchange,
                                         org.springframework.context.i18n.LocaleContext localeContext) {
                throw new UnsupportedOperationException("The language follows Accept-Language only");
            }
        };
    }
}
