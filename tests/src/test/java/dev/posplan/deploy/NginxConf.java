package dev.posplan.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deploy/nginx.conf: the upstream the load balancer proxies to. */
final class NginxConf {

    private static final Pattern UPSTREAM = Pattern.compile("upstream\\s+(\\S+)\\s*\\{([^}]*)}");
    private static final Pattern SERVER = Pattern.compile("(?m)^\\s*server\\s+([^:\\s;]+):(\\d+)[^;]*;");

    private NginxConf() {
    }

    static String text() throws IOException {
        return Files.readString(DeployFiles.file("deploy/nginx.conf"));
    }

    static Matcher upstream() throws IOException {
        Matcher m = UPSTREAM.matcher(text());
        if (!m.find()) {
            throw new AssertionError("nginx.conf has no upstream block");
        }
        return m;
    }

    /** The one {@code server host:port} of the upstream block. */
    static Matcher upstreamServer() throws IOException {
        Matcher m = SERVER.matcher(upstream().group(2));
        if (!m.find()) {
            throw new AssertionError("the nginx upstream has no server host:port");
        }
        return m;
    }

    static int upstreamPort() throws IOException {
        return Integer.parseInt(upstreamServer().group(2));
    }
}
