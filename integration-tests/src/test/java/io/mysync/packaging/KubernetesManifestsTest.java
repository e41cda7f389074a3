package io.mysync.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes against the Kubernetes and Prometheus Operator schemas (npm's kubernetes-models, run by node),
 * and what the schemas cannot know: the shipped config loads, the rules equal deploy/prometheus/alerts.yml, probes
 * and PodDisruptionBudgets match the pods.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Shell.ROOT.resolve("deploy/kubernetes");
    private static final Path VALIDATOR = Shell.ROOT.resolve("integration-tests/src/test/kubernetes");

    @BeforeAll
    static void installValidator() {
        Path modules = Shell.ROOT.resolve("integration-tests/target/kubernetes-validator");
        if (!Files.isDirectory(modules.resolve("node_modules/kubernetes-models"))) {
            copy(VALIDATOR.resolve("package.json"), modules.resolve("package.json"));
            copy(VALIDATOR.resolve("package-lock.json"), modules.resolve("package-lock.json"));
            Shell install = Shell.run(modules, Map.of(), 600, "npm", "ci", "--no-audit", "--no-fund");
            assertThat(install.code()).as("npm ci of the validator: %s", install.output()).isZero();
        }
    }

    /**
     * The base applies on any cluster: it holds no object of the Prometheus Operator, whose CRDs a cluster without
     * the operator lacks; those and the initial-load Job are components, valid on their own.
     */
    @Test
    void everyManifestIsValidAgainstItsSchema() {
        Shell base = validate(MANIFESTS);
        assertThat(base.code()).as(base.output()).isZero();
        assertThat(base.output()).contains("valid   reader.yaml: Deployment mysync-reader",
                "valid   writer-redis.yaml: Deployment mysync-writer-redis",
                "valid   configMapGenerator: ConfigMap mysync-config").doesNotContain("monitoring.coreos.com",
                "ServiceMonitor", "PrometheusRule");
        Shell operator = validate(MANIFESTS.resolve("components/prometheus-operator"));
        assertThat(operator.code()).as(operator.output()).isZero();
        assertThat(operator.output()).contains("valid   prometheusrule.yaml: PrometheusRule mysync",
                "valid   servicemonitor.yaml: ServiceMonitor mysync");
        Shell initialLoad = validate(MANIFESTS.resolve("components/initial-load"));
        assertThat(initialLoad.code()).as(initialLoad.output()).isZero();
        assertThat(initialLoad.output()).contains("valid   initial-load-job.yaml: Job mysync-initial-load");
    }

    /** The initial-load Job runs the dump with the shipped config, its state on a writable volume. */
    @Test
    void theInitialLoadJobDumpsWithItsStateOnAVolume() throws IOException {
        Map<String, Object> job = load(MANIFESTS.resolve("components/initial-load/initial-load-job.yaml")).get(0);
        Map<?, ?> pod = (Map<?, ?>) path(job, "spec", "template", "spec");
        Map<?, ?> container = (Map<?, ?>) ((List<?>) pod.get("containers")).get(0);
        assertThat(container.get("args")).isEqualTo(List.of("dump", "--config", "/etc/mysync/mysync.yaml"));
        assertThat((List<?>) container.get("volumeMounts")).anyMatch(m -> "/var/lib/mysync".equals(((Map<?, ?>) m)
                .get("mountPath")));
        assertThat(path(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
    }

    private static Shell validate(Path dir) {
        Path modules = Shell.ROOT.resolve("integration-tests/target/kubernetes-validator");
        return Shell.run(modules, Map.of("NODE_PATH", modules.resolve("node_modules").toString()), 120,
                "node", VALIDATOR.resolve("validate.js").toString(), dir.toString());
    }

    @Test
    void theValidatorRejectsAWrongType(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [ bad.yaml ]\n");
        Files.writeString(dir.resolve("bad.yaml"), Files.readString(MANIFESTS.resolve("reader.yaml"))
                .replace("replicas: 2", "replicas: two"));
        Path modules = Shell.ROOT.resolve("integration-tests/target/kubernetes-validator");
        Shell validate = Shell.run(modules, Map.of("NODE_PATH", modules.resolve("node_modules").toString()), 120,
                "node", VALIDATOR.resolve("validate.js").toString(), dir.toString());
        assertThat(validate.code()).isEqualTo(1);
        assertThat(validate.output()).contains("bad.yaml: Deployment mysync-reader", "replicas must be integer");
    }

    @Test
    void theShippedConfigurationLoadsOnceItsFilesAreMounted(@TempDir Path dir) throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "");
        Files.writeString(dir.resolve("mysync.yaml"), Files.readString(MANIFESTS.resolve("mysync.yaml"))
                .replace("/etc/mysync/tls/ca.pem", ca.toString()));
        MySyncConfig config = new ConfigLoader(Map.of("KAFKA_USERNAME", "w", "KAFKA_PASSWORD", "p"))
                .read(dir.resolve("mysync.yaml"));
        assertThat(config.source().id()).isEqualTo("shop");
        assertThat(config.mappings()).hasSize(1);
    }

    @Test
    void thePrometheusRuleHoldsExactlyTheAlertRules() throws IOException {
        Map<String, Object> rule = load(MANIFESTS.resolve("components/prometheus-operator/prometheusrule.yaml")).get(0);
        Map<String, Object> alerts = load(Shell.ROOT.resolve("deploy/prometheus/alerts.yml")).get(0);
        assertThat(((Map<?, ?>) rule.get("spec")).get("groups")).isEqualTo(alerts.get("groups"));
    }

    @Test
    void readersAreTwoAndEveryPodHasProbesABudgetAndNoPrivileges() throws IOException {
        List<Map<String, Object>> budgets = load(MANIFESTS.resolve("poddisruptionbudgets.yaml"));
        for (String file : List.of("reader.yaml", "writer-redis.yaml", "writer-elasticsearch.yaml", "writer-hbase.yaml")) {
            Map<String, Object> deployment = load(MANIFESTS.resolve(file)).get(0);
            Map<?, ?> spec = (Map<?, ?>) deployment.get("spec");
            Map<?, ?> pod = (Map<?, ?>) ((Map<?, ?>) spec.get("template")).get("spec");
            Map<?, ?> container = (Map<?, ?>) ((List<?>) pod.get("containers")).get(0);
            assertThat(spec.get("replicas")).as(file).isEqualTo(file.startsWith("reader") ? 2 : 1);
            assertThat(path(container, "livenessProbe", "httpGet", "path")).as(file).isEqualTo("/health/live");
            assertThat(path(container, "readinessProbe", "httpGet", "path")).as(file)
                    .isEqualTo(file.startsWith("reader") ? "/health/live" : "/health/ready");
            assertThat(path(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
            assertThat(path(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
            Object selector = path(spec, "selector", "matchLabels");
            assertThat(budgets).as("a PodDisruptionBudget selects the pods of %s", file)
                    .anyMatch(b -> selector.equals(path(b, "spec", "selector", "matchLabels")));
        }
    }

    private static Object path(Map<?, ?> map, String... keys) {
        Object at = map;
        for (String key : keys) {
            at = at instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml().loadAll(Files.readString(file)).forEach(d -> documents.add((Map<String, Object>) d));
        return documents;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
