package dev.posplan.web.ops;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the request metrics filter on the API paths, outermost so its timing covers every other filter. */
@Configuration(proxyBeanMethods = false)
class OpsConfig {

    /** The paths of the planning API; actuator and documentation paths are not traffic. */
    static final String[] API_PATHS = {"/v1/*"};

    @Bean
    FilterRegistrationBean<RequestMetricsFilter> requestMetricsFilter(RequestMetrics metrics) {
        FilterRegistrationBean<RequestMetricsFilter> bean = new FilterRegistrationBean<>(new RequestMetricsFilter(metrics));
        bean.addUrlPatterns(API_PATHS);
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }
}
