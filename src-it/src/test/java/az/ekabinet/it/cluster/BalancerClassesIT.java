package az.ekabinet.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.config.web.admission.AdmissionClasses;
import az.ekabinet.domain.shared.RequestClass;
import az.ekabinet.it.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * HAProxy tells money, password hashing and event streams apart by method and path (config/cluster/haproxy.cfg: money
 * first out of its queue, passwords to their backend of few slots, streams to the backend without slots); the nodes
 * by their endpoints' {@code @AdmittedAs}. Every endpoint of the service, with a sample value for each path variable,
 * is put to both: they must agree, so that an endpoint added or moved cannot quietly lose its place at the balancer.
 */
@IntegrationTest
class BalancerClassesIT {

    private static final Path CONFIG = Path.of("..", "config", "cluster", "haproxy.cfg");

    @Autowired
    AdmissionClasses classes;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** The frontend's ACLs that matter here, as HAProxy 2.6 reads them (several lines of one name: any matches). */
    record Rules(Acl money, Acl password, List<String> streamEnds) {

        static Rules of(Path config) throws IOException {
            var rules = new Rules(new Acl(), new Acl(), new ArrayList<>());
            for (String line : Files.readAllLines(config)) {
                String[] words = line.strip().split("\\s+");
                if (words.length < 4 || !words[0].equals("acl")) {
                    continue;
                }
                List<String> values = List.of(words).subList(3, words.length);
                switch (words[1] + " " + words[2]) {
                    case "money method" -> rules.money().methods().addAll(values);
                    case "money_path path" -> rules.money().paths().addAll(values);
                    case "money_path path_reg" -> values.forEach(v -> rules.money().patterns().add(Pattern.compile(v)));
                    case "password method" -> rules.password().methods().addAll(values);
                    case "password_path path" -> rules.password().paths().addAll(values);
                    case "password_path path_reg" ->
                            values.forEach(v -> rules.password().patterns().add(Pattern.compile(v)));
                    case "event_stream path_end" -> rules.streamEnds().addAll(values);
                    default -> throw new AssertionError("an ACL this test does not know: " + line);
                }
            }
            return rules;
        }

        boolean stream(String path) {
            return streamEnds.stream().anyMatch(path::endsWith);
        }
    }

    /** A class of requests by method ({@code <name> method}) and by path ({@code <name>_path path, path_reg}). */
    record Acl(List<String> methods, List<String> paths, List<Pattern> patterns) {

        Acl() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        boolean matches(HttpMethod method, String path) {
            return methods.contains(method.name())
                    && (paths.contains(path) || patterns.stream().anyMatch(p -> p.matcher(path).find()));
        }
    }

    @Test
    void theBalancerPutsEveryEndpointInTheClassTheNodesAdmitItAs() throws IOException {
        Rules balancer = Rules.of(CONFIG);
        assertThat(balancer.money().paths()).as("the money paths were read").isNotEmpty();
        assertThat(balancer.password().paths()).as("the password paths were read").isNotEmpty();
        List<String> checked = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(mapping -> mapping.getPatternsCondition().getPatterns()
                .forEach(pattern -> {
                    String path = pattern.getPatternString().replaceAll("\\{[^}]+}", "100001");
                    var methods = mapping.getMethodsCondition().getMethods();
                    for (RequestMethod requestMethod : methods.isEmpty() ? List.of(RequestMethod.GET) : methods) {
                        HttpMethod method = requestMethod.asHttpMethod();
                        Optional<RequestClass> node = classes.of(method, path);
                        String what = method + " " + path;
                        assertThat(balancer.money().matches(method, path)).as(what + ": money first at the balancer")
                                .isEqualTo(node.equals(Optional.of(RequestClass.CRITICAL)));
                        assertThat(balancer.password().matches(method, path))
                                .as(what + ": password hashing, in its own backend at the balancer")
                                .isEqualTo(node.equals(Optional.of(RequestClass.PASSWORD)));
                        assertThat(balancer.stream(path)).as(what + ": an event stream, without a slot")
                                .isEqualTo(node.isEmpty());
                        checked.add(what);
                    }
                }));
        assertThat(checked).as("the endpoints put to both").hasSizeGreaterThan(50)
                .contains("POST /api/me/wallet/credits", "POST /api/payments", "POST /api/auth/login",
                        "POST /api/registrations/100001/password");
    }
}
