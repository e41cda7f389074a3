package io.mysync.reader.source;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import io.mysync.common.tls.PemTls;
import io.mysync.config.model.SourceConfig;
import io.mysync.config.model.SourceTls;
import io.mysync.config.model.SslMode;
import io.mysync.reader.decode.ExactRowsDeserializers;
import java.net.SocketException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Every binlog session's client, with the source's user, server id, timeouts, exact row decoding and TLS: the mode
 * of {@code source.ssl.mode}, and an SSL context from {@code source.ssl.ca}/{@code cert}/{@code key} when those are
 * set, else the JVM's trusted CAs; for verify_identity the JDK checks that the certificate names the host of
 * {@code source.url}. TLS 1.3 is
 * used where the server has it (the library's own factories stop at TLS 1.2), and the TLS input is buffered
 * ({@link BufferedTlsSocket}) as the library buffers a plain socket's.
 */
public final class BinlogClients {

    private BinlogClients() {
    }

    public static BinaryLogClient create(SourceConfig source) {
        BinaryLogClient client = new BinaryLogClient(source.host(), source.port(), source.user(), source.password());
        client.setServerId(source.serverId());
        client.setKeepAlive(false);
        client.setConnectTimeout(source.connectTimeout().toMillis());
        client.setEventDeserializer(ExactRowsDeserializers.create());
        SourceTls tls = source.tls();
        // the library's own host check compares the certificate with the reverse DNS name of the address (127.0.0.1
        // becomes "localhost"); the JDK's endpoint identification below checks the host of source.url instead
        client.setSSLMode(tls.mode() == SslMode.VERIFY_IDENTITY ? SSLMode.VERIFY_CA
                : SSLMode.valueOf(tls.mode().name()));
        if (tls.mode() != SslMode.DISABLED) {
            SSLContext context = PemTls.context(tls.ca(), tls.certificate(), tls.key(), tls.mode().verifies());
            boolean identify = tls.mode() == SslMode.VERIFY_IDENTITY;
            client.setSslSocketFactory(plain -> {
                try {
                    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, source.host(),
                            plain.getPort(), true);
                    if (identify) {
                        SSLParameters parameters = socket.getSSLParameters();
                        parameters.setEndpointIdentificationAlgorithm("HTTPS");
                        socket.setSSLParameters(parameters);
                    }
                    return new BufferedTlsSocket(socket);
                } catch (java.io.IOException e) {
                    throw new SocketException("TLS to " + source + " failed: " + e.getMessage());
                }
            });
        }
        return client;
    }
}
