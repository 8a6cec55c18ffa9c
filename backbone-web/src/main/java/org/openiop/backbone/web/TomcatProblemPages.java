package org.openiop.backbone.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Requests Tomcat refuses before any servlet runs (an encoded slash in the path, an oversized header, a malformed
 * request line) get problem+json instead of Tomcat's HTML error page, which also named the server's version.
 */
public class TomcatProblemPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemValve.class.getName());
            } else if (context.getParent() instanceof Host host) {
                host.getPipeline().addValve(new ProblemValve());
            }
        });
    }

    /** Tomcat's last-resort error writer, producing problem+json. */
    public static class ProblemValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            AtomicBoolean allowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, allowed);
            if (!allowed.get()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            HttpStatus resolved = known == null ? HttpStatus.BAD_REQUEST : known;
            String code = status >= 500 ? "server-error" : "malformed-request";
            String detail = status >= 500 ? "The request could not be processed"
                    : "The request was refused before it reached the service (" + resolved.getReasonPhrase() + ")";
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(ProblemResponses.json(resolved, code, detail, null));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the connection is gone or the response already committed: nothing more to say
            }
        }
    }
}
