package io.mysync.sandbox.server;

import io.mysync.sandbox.PortCheck;
import io.mysync.sandbox.ProcessServer;
import io.mysync.sandbox.SandboxCertificates;
import io.mysync.sandbox.SandboxLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Debian's nginx in front of the sandbox's Elasticsearch node (which serves plain HTTP here: its security module is
 * not among the Maven Central jars): HTTPS with the sandbox's certificates under the path prefix {@value #PREFIX},
 * and every request must carry the sandbox's API key or basic credentials, as an Elasticsearch 8 cluster with
 * security on demands. Unauthenticated requests get 401.
 */
public final class ElasticsearchTlsProxy extends ProcessServer {

    public static final String PREFIX = "/es";
    /** The "encoded" form Elasticsearch hands out: base64 of id:key. */
    public static final String API_KEY = Base64.getEncoder().encodeToString(
            "sandbox-key-id:sandbox-api-key-secret".getBytes(StandardCharsets.US_ASCII));
    public static final String USER = "mysync-writer";
    public static final String PASSWORD = "es-pw-sandbox";

    private final ElasticsearchServer elasticsearch;

    public ElasticsearchTlsProxy(int port, ElasticsearchServer elasticsearch, SandboxLayout layout) {
        super("es_proxy", port, layout);
        this.elasticsearch = elasticsearch;
    }

    /** The HTTPS URL with the path prefix, as {@code sinks.elasticsearch.hosts} takes it. */
    public String url() {
        return "https://127.0.0.1:" + port() + PREFIX;
    }

    @Override
    protected void prepare() throws Exception {
        SandboxCertificates tls = new SandboxCertificates(layout);
        tls.ensure();
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(dir().resolve("temp"));
        // the whole chain, as Elasticsearch's own HTTPS layer sends it: clients that trust the CA by its fingerprint
        // look for it in the chain
        Path chain = dir().resolve("server-chain.pem");
        Files.writeString(chain, Files.readString(tls.serverCertificate()) + Files.readString(tls.caCertificate()));
        Files.writeString(dir().resolve("nginx.conf"), """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/temp/body;
                  proxy_temp_path %1$s/temp/proxy;
                  fastcgi_temp_path %1$s/temp/fastcgi;
                  uwsgi_temp_path %1$s/temp/uwsgi;
                  scgi_temp_path %1$s/temp/scgi;
                  client_max_body_size 512m;
                  map_hash_bucket_size 128;
                  map $http_authorization $mysync_authorized {
                    default 0;
                    "ApiKey %2$s" 1;
                    "Basic %3$s" 1;
                  }
                  server {
                    listen 127.0.0.1:%4$d ssl;
                    ssl_certificate %5$s;
                    ssl_certificate_key %6$s;
                    location %7$s/ {
                      if ($mysync_authorized = 0) {
                        add_header WWW-Authenticate 'Basic realm="mysync sandbox", ApiKey' always;
                        return 401;
                      }
                      proxy_pass http://127.0.0.1:%8$d/;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_read_timeout 120s;
                    }
                  }
                }
                """.formatted(dir(), API_KEY, basic, port(), chain, tls.serverKey(), PREFIX,
                elasticsearch.port()));
    }

    @Override
    protected List<String> command() {
        return List.of("/usr/sbin/nginx", "-p", dir().toString(), "-c", dir().resolve("nginx.conf").toString(),
                "-e", dir().resolve("error.log").toString());
    }

    @Override
    protected boolean answers() {
        return PortCheck.inUse(port());
    }
}
