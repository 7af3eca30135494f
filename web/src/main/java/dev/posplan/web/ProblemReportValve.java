package dev.posplan.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;

/**
 * Tomcat's error report for what never reaches Spring (a request line or headers over
 * {@code server.max-http-request-header-size}, a malformed request line): an RFC 9457 problem in place of
 * Tomcat's HTML page. Errors Spring handled already carry their body and are left alone.
 */
final class ProblemReportValve extends ErrorReportValve {

    private final long maxHeaderBytes;

    ProblemReportValve(long maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String title = StringManager.getManager(ErrorReportValve.class).getString("http." + status + ".reason");
        if (title == null || title.startsWith("http.")) {
            title = status >= 500 ? "Server Error" : "Bad Request";
        }
        String detail = status == 400
                ? "the request line or headers could not be read: malformed, or more than the " + maxHeaderBytes
                        + " bytes of request line and headers this server accepts"
                : status >= 500 ? "posplan failed to answer this request; the error is logged"
                        : "the request cannot be answered";
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\""
                + (status == 400 ? ",\"limit\":\"server.max-http-request-header-size\",\"max\":" + maxHeaderBytes : "")
                + "}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer w = response.getReporter();
            if (w != null) {
                w.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: nothing more to say
        }
    }
}
