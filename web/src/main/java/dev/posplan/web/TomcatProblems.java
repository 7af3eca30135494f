package dev.posplan.web;

import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Puts {@link ProblemReportValve} in the place of every Tomcat error report valve (Spring Boot adds one of its
 * own), so that what Tomcat refuses before Spring sees the request is answered as a problem too. The swap runs
 * when the host starts, after every context customizer has added its valves.
 */
@Component
class TomcatProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final long maxHeaderBytes;

    TomcatProblems(@Value("${server.max-http-request-header-size:8KB}") DataSize maxHeaderSize) {
        this.maxHeaderBytes = maxHeaderSize.toBytes();
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
            host.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    for (Valve v : host.getPipeline().getValves()) {
                        if (v instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(v);
                        }
                    }
                    host.getPipeline().addValve(new ProblemReportValve(maxHeaderBytes));
                }
            });
        });
    }
}
