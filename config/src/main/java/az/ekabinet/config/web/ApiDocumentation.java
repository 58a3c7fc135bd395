package az.ekabinet.config.web;

import az.ekabinet.config.security.AccessRules.Access;
import az.ekabinet.config.security.AccessRules;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.TooManyRequestsException;
import az.ekabinet.query.streams.EventStream;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;

/**
 * The OpenAPI document ({@code /v3/api-docs}): generated from the endpoints and their annotations, then completed here
 * with what every operation of a kind answers, so that no operation has to repeat it:
 * <ul>
 * <li>who may call it and how, from {@link AccessRules} (the list the security chain enforces): the security
 * requirement, and 401 and 403;</li>
 * <li>the refusals it declares with {@link Refuses}, and those of every operation that reads a body (400, 413, 415)
 * or parameters (400), that is signed by a provider (401), that moves money (the {@code Idempotency-Key} header and its
 * refusals) or that needs the database (503 with {@code Retry-After}), and the node's refusal when it is busy (503
 * {@code SERVICE_BUSY}, every operation but the event streams);</li>
 * <li>every refusal as an RFC 9457 {@code application/problem+json} {@link #PROBLEM} whose {@code code} is one of the
 * codes that operation can answer with that status;</li>
 * <li>{@code Accept-Language} (Azerbaijani or English problem details).</li>
 * </ul>
 * The integration tests hold every answer they get to this document ({@code DocumentedAnswers}).
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String TEXT_EVENT_STREAM = "text/event-stream";
    private static final Map<Access, List<String>> SCHEMES = Map.of(
            Access.CITIZEN, List.of("citizen"),
            Access.OPERATOR, List.of("operator"),
            Access.AUDITOR, List.of("auditor"),
            Access.ADMIN, List.of("administrator"),
            Access.OPERATOR_OR_ADMIN, List.of("operator", "administrator"),
            Access.ANY_SESSION, List.of("citizen", "operator", "auditor", "administrator"));
    /** What each problem may carry besides the standard members, by its code. */
    private static final Map<ErrorCode, String> EXTRAS = Map.of(
            ErrorCode.INSUFFICIENT_FUNDS, "missingAmount, balance",
            ErrorCode.APPLICATION_INCOMPLETE, "problems",
            ErrorCode.VERIFICATION_CODE_INVALID, "attemptsLeft",
            ErrorCode.VALIDATION_FAILED, "errors",
            ErrorCode.RESULT_FILE_HEADER_INVALID, "expectedHeader",
            ErrorCode.RESULT_SHEET_IN_USE, "resultsRecorded",
            ErrorCode.RESULTS_ALREADY_PUBLISHED, "publishedAt");

    @Bean
    public OpenAPI ekabinetOpenApi() {
        return new OpenAPI()
                .info(new Info().title("ekabinet API").version("v1")
                        .description("""
                                The personal cabinet ("Şəxsi kabinet") of a state examination centre: registration and \
                                login, the money account fed by payment codes, and the master's admission exam \
                                application; and the payment providers', operators', auditors' and administrators' \
                                parts of it.

                                Errors are RFC 9457 `application/problem+json` with a stable `code` (each operation \
                                lists the codes it can answer with, by status); `detail` is Azerbaijani unless \
                                `Accept-Language: en`. Amounts are strings with two decimals ("50.00"). A money-moving \
                                POST may carry an `Idempotency-Key`: a retry with the same key and body gets the first \
                                answer again. A 503 or 429 carries `Retry-After`.""")
                        .contact(new Contact().name("ekabinet API").url("https://ekabinet.dim.gov.az"))
                        .license(new License().name("Proprietary: the State Examination Centre of Azerbaijan")
                                .url("https://ekabinet.dim.gov.az")))
                // relative: wherever the document was read from (the service itself, or HAProxy in front of it)
                .servers(List.of(new Server().url("/").description("This service")))
                .tags(List.of(
                        tag("cabinet", "The personal cabinet (Şəxsi kabinet): registration, login, profile, contact"),
                        tag("wallet", "The money account (Hesab): balance, payment codes, histories, transfers"),
                        tag("payments", "Payment providers: signed notifications of payments made with a code"),
                        tag("exam", "The master's admission exam application (ərizə) and its exam sessions"),
                        tag("reference", "Reference lists: institutions, specialties, districts, ..."),
                        tag("audit", "Auditors: the ledger, balances as of an instant, reconciliation"),
                        tag("ops", "Operators: the live activity stream and its dashboard"),
                        tag("admin", "Administrators: exam sessions, rebuilding read models"),
                        tag("demo", "The demo profile only")))
                .components(new Components()
                        .addSecuritySchemes("citizen", bearer("A citizen's token from POST /api/auth/login"))
                        .addSecuritySchemes("operator", bearer("A staff token of role OPERATOR"))
                        .addSecuritySchemes("auditor", bearer("A staff token of role AUDITOR"))
                        .addSecuritySchemes("administrator", bearer("A staff token of role ADMIN"))
                        .addSecuritySchemes("providerName", apiKey("X-Ekabinet-Provider",
                                "The payment provider's name"))
                        .addSecuritySchemes("providerTimestamp", apiKey("X-Ekabinet-Timestamp",
                                "Unix seconds of the request, within 300 s of the service's time"))
                        .addSecuritySchemes("providerSignature", apiKey("X-Ekabinet-Signature",
                                "Lowercase hex HMAC-SHA256(provider secret, \"<X-Ekabinet-Timestamp>.<raw body>\"); "
                                        + "a GET signs an empty body"))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    /** Each operation's own refusals ({@link Refuses}). */
    @Bean
    public OperationCustomizer declaredRefusals() {
        return (operation, handler) -> {
            Refuses refuses = handler.getMethodAnnotation(Refuses.class);
            if (refuses != null) {
                for (ErrorCode code : refuses.value()) {
                    problem(operation, code);
                }
            }
            return operation;
        };
    }

    /**
     * The events of a server-sent-event stream ({@link EventStream}): the schema of each event's data among the
     * components, and {@code x-events} on the stream's media type naming each event's schema.
     */
    @Bean
    public OperationCustomizer streamedEvents() {
        return (operation, handler) -> {
            EventStream stream = handler.getMethodAnnotation(EventStream.class);
            if (stream != null) {
                Map<String, Object> events = new LinkedHashMap<>();
                for (EventStream.Event event : stream.value()) {
                    events.put(event.name(), Map.of("$ref", "#/components/schemas/" + event.data().getSimpleName()));
                }
                operation.getResponses().get("200").getContent().get(TEXT_EVENT_STREAM).addExtension("x-events", events);
            }
            return operation;
        };
    }

    /** The schemas of the events streamed ({@link EventStream}), which no operation's body names. */
    @Bean
    public GlobalOpenApiCustomizer streamedEventSchemas(List<RequestMappingInfoHandlerMapping> mappings) {
        return openApi -> mappings.stream().flatMap(mapping -> mapping.getHandlerMethods().values().stream())
                .map(handler -> handler.getMethodAnnotation(EventStream.class))
                .filter(Objects::nonNull)
                .flatMap(stream -> Arrays.stream(stream.value()))
                .forEach(event -> ModelConverters.getInstance().readAll(event.data())
                        .forEach(openApi.getComponents()::addSchemas));
    }

    /** What every operation of its kind answers; see the class comment. */
    @Bean
    public GlobalOpenApiCustomizer answersOfEveryOperation(IdempotentEndpoints idempotent) {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(
                (method, operation) -> completeOperation(path, method, operation, idempotent)));
    }

    private static void completeOperation(String path, PathItem.HttpMethod method, Operation operation,
                                          IdempotentEndpoints idempotent) {
        if (!path.startsWith("/api/")) {
            return;
        }
        Access access = AccessRules.of(path);
        if (access == Access.PROVIDER) {
            operation.setSecurity(List.of(new SecurityRequirement().addList("providerName")
                    .addList("providerTimestamp").addList("providerSignature")));
            problem(operation, ErrorCode.PROVIDER_SIGNATURE_INVALID);
        } else if (access != Access.ANYONE) {
            operation.setSecurity(SCHEMES.get(access).stream().map(scheme -> new SecurityRequirement().addList(scheme))
                    .toList());
            problem(operation, ErrorCode.UNAUTHENTICATED);
            problem(operation, ErrorCode.FORBIDDEN);
        } else {
            operation.setSecurity(List.of());
        }
        if (operation.getRequestBody() != null) {
            problem(operation, ErrorCode.VALIDATION_FAILED);
            problem(operation, ErrorCode.MALFORMED_REQUEST);
            problem(operation, ErrorCode.PAYLOAD_TOO_LARGE);
            problem(operation, ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        if (operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            problem(operation, ErrorCode.VALIDATION_FAILED);
        }
        if (idempotent.covers(HttpMethod.valueOf(method.name()), path)) {
            operation.addParametersItem(new HeaderParameter().name(IdempotencyKeys.HEADER).required(false)
                    .description("Makes a retry safe: the same key with the same body gets the first successful "
                            + "answer again (with Idempotent-Replayed: true); kept 48 hours per caller")
                    .schema(new StringSchema().pattern("^[A-Za-z0-9_-]{1,100}$")));
            problem(operation, ErrorCode.VALIDATION_FAILED);
            problem(operation, ErrorCode.IDEMPOTENCY_KEY_REUSED);
            problem(operation, ErrorCode.IDEMPOTENCY_KEY_IN_USE);
        }
        problem(operation, ErrorCode.SERVICE_UNAVAILABLE);
        if (!isEventStream(operation)) {
            problem(operation, ErrorCode.SERVICE_BUSY); // the node's admission control (AdmissionControl)
        }
        operation.addParametersItem(new HeaderParameter().name(HttpHeaders.ACCEPT_LANGUAGE).required(false)
                .description("en for English problem details; Azerbaijani otherwise")
                .schema(new StringSchema().example("en")));
    }

    private static boolean isEventStream(Operation operation) {
        ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
        return ok != null && ok.getContent() != null && ok.getContent().containsKey(TEXT_EVENT_STREAM);
    }

    /**
     * Adds {@code code} to the operation's answer of its status: a problem whose {@code code} is one of the listed
     * ones, the list said in the description too.
     */
    static void problem(Operation operation, ErrorCode code) {
        HttpStatus status = ProblemCatalog.status(code);
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        String key = Integer.toString(status.value());
        ApiResponse response = responses.get(key);
        if (response == null || response.getContent() == null || response.getContent().get(PROBLEM_JSON) == null) {
            @SuppressWarnings("rawtypes")
            Schema codes = new StringSchema()._enum(new ArrayList<>());
            response = new ApiResponse().content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(
                    new ComposedSchema().addAllOfItem(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                            .addAllOfItem(new ObjectSchema().addProperty("code", codes)))));
            if (status == HttpStatus.TOO_MANY_REQUESTS || status == HttpStatus.SERVICE_UNAVAILABLE) {
                response.addHeaderObject(HttpHeaders.RETRY_AFTER, new Header()
                        .description("Seconds to wait before trying again").schema(new IntegerSchema()));
            }
            if (status == HttpStatus.UNAUTHORIZED) {
                response.addHeaderObject(HttpHeaders.WWW_AUTHENTICATE, new Header().schema(new StringSchema()));
            }
            responses.addApiResponse(key, response);
        }
        @SuppressWarnings("unchecked")
        Schema<String> codes = (Schema<String>) ((ObjectSchema) ((ComposedSchema) response.getContent()
                .get(PROBLEM_JSON).getSchema()).getAllOf().get(1)).getProperties().get("code");
        if (!codes.getEnum().contains(code.name())) {
            codes.getEnum().add(code.name());
        }
        response.setDescription(status.getReasonPhrase() + ": " + codes.getEnum().stream()
                .map(name -> EXTRAS.containsKey(ErrorCode.valueOf(name))
                        ? name + " (with " + EXTRAS.get(ErrorCode.valueOf(name)) + ")" : name)
                .collect(Collectors.joining(", ")));
    }

    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().description("urn:ekabinet:problem:<code in kebab case>"));
        properties.put("title", new StringSchema().description("The HTTP status's reason phrase"));
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema().description("For people: Azerbaijani, or English on Accept-Language: en"));
        properties.put("instance", new StringSchema().description("The request's path"));
        properties.put("code", new StringSchema().description("Stable, for programs")._enum(
                Arrays.stream(ErrorCode.values()).map(ErrorCode::name).toList()));
        properties.put("errors", new ArraySchema().description("VALIDATION_FAILED: each broken rule")
                .items(new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("code", new StringSchema().description("The rule, stable"))
                        .addProperty("message", new StringSchema())
                        .required(List.of("field", "code", "message"))));
        properties.put("missingAmount", new StringSchema().description("INSUFFICIENT_FUNDS: what is missing")
                .pattern("^[0-9]+\\.[0-9]{2}$"));
        properties.put("balance", new StringSchema().description("INSUFFICIENT_FUNDS: the balance now")
                .pattern("^[0-9]+\\.[0-9]{2}$"));
        properties.put("problems", new ArraySchema().description("APPLICATION_INCOMPLETE: the codes of what is "
                + "missing or wrong; GET /api/applications/{number} says them in plain words").items(new StringSchema()));
        properties.put("attemptsLeft", new IntegerSchema().description("VERIFICATION_CODE_INVALID: tries left"));
        properties.put(TooManyRequestsException.RETRY_AFTER, new IntegerSchema()
                .description("429: seconds to wait, as in Retry-After"));
        properties.put("paymentCode", new StringSchema().description("The payment code the problem is about"));
        properties.put("applicationNumber", new StringSchema().description("The application the problem is about"));
        properties.put("sessionId", new StringSchema().description("The exam session the problem is about"));
        properties.put("deadline", new StringSchema().format("date-time").description("DEADLINE_PASSED, "
                + "EXAM_SESSION_NOT_OPEN_YET: the session's deadline"));
        properties.put("missingStep", new StringSchema().description("REGISTRATION_STEP_OUT_OF_ORDER: the step to "
                + "take first"));
        properties.put("projection", new StringSchema().description("The read model the problem is about"));
        properties.put("service", new StringSchema().description("EXTERNAL_SERVICE_UNAVAILABLE: which outside system"));
        properties.put("expectedHeader", new StringSchema().description("RESULT_FILE_HEADER_INVALID: the header row "
                + "the session's scoring files have"));
        properties.put("resultsRecorded", new IntegerSchema().description("RESULT_SHEET_IN_USE: results recorded on "
                + "the sheet"));
        properties.put("publishedAt", new StringSchema().format("date-time").description("RESULTS_ALREADY_PUBLISHED: "
                + "when the results were published"));
        ObjectSchema problem = new ObjectSchema();
        problem.setProperties(properties);
        problem.setRequired(List.of("type", "title", "status", "detail", "instance", "code"));
        problem.setDescription("RFC 9457 problem details with a stable code, and the members that say more about "
                + "it");
        return problem;
    }

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }

    private static SecurityScheme bearer(String description) {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description(description);
    }

    private static SecurityScheme apiKey(String header, String description) {
        return new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(header)
                .description(description);
    }
}
