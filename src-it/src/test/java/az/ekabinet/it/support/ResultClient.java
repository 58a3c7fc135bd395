package az.ekabinet.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The results journeys' steps over HTTP, as an administrator's and a citizen's clients make them: an administrator publishes a session of its own (so tests never share a
 * result sheet), sets its sheet (LOGIC out of 60, LANG out of 40, 50 to pass), imports scoring files and publishes;
 * applicants sign up, pay, apply and confirm.
 */
public record ResultClient(WebTestClient http, Clock clock) {

    public static final String PASSWORD = "a results password";
    public static final String HEADER = "application_number,LOGIC,LANG,total,exam_date,centre_code\n";
    public static final String SHEET = """
            {"subjects":[{"code":"LOGIC","nameAz":"Məntiq","nameEn":"Logic","maxScore":"60"},
                         {"code":"LANG","nameAz":"Xarici dil (ingilis)","nameEn":"Foreign language (English)",
                          "maxScore":"40"}],
             "passThreshold":"50"}""";

    /** An applicant with a confirmed application. */
    public record Applicant(String token, String number, String cabinetNumber) {
    }

    public String adminToken() {
        return new CitizenClient(http).token("admin", "demo-admin-2026");
    }

    /** A session open from a minute ago for a day, fee 10.00, with the sheet set: its id. */
    public String sessionWithSheet() {
        String session = session();
        setSheet(session, SHEET).expectStatus().isOk();
        return session;
    }

    public String session() {
        String session = "results-" + Ids.paymentCode().toLowerCase();
        http.post().uri("/api/admin/exam-sessions").headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"id":"%s","title":"Nəticələr — sınaq sessiyası","academicYear":"2025/2026","attempt":1,
                         "fee":"10.00","opensAt":"%s","deadline":"%s"}""".formatted(session,
                        clock.instant().minusSeconds(60), clock.instant().plus(Duration.ofDays(1))))
                .exchange().expectStatus().isCreated();
        return session;
    }

    public WebTestClient.ResponseSpec setSheet(String session, String json) {
        return http.put().uri("/api/admin/exam-sessions/{id}/result-sheet", session)
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    public Applicant confirmedApplicant(String session) {
        var citizens = new CitizenClient(http);
        var applications = new ApplicationClient(http);
        var me = citizens.signUp(PASSWORD);
        ProviderClient.demoBank(http, clock).payInto(me.token(), "10.00");
        String number = applications.start(me.token(), session);
        applications.fillIn(me.token(), number);
        applications.confirm(me.token(), number).expectStatus().isOk();
        return new Applicant(me.token(), number, me.cabinetNumber());
    }

    public WebTestClient.ResponseSpec importCsv(String session, String csv) {
        return http.post().uri("/api/admin/exam-sessions/{id}/results", session)
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange();
    }

    public JsonNode imported(String session, String csv) {
        return importCsv(session, csv).expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                .getResponseBody();
    }

    public WebTestClient.ResponseSpec publish(String session, Instant publishAt) {
        return http.post().uri("/api/admin/exam-sessions/{id}/results/publication", session)
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(publishAt == null ? "{}" : "{\"publishAt\":\"" + publishAt + "\"}").exchange();
    }

    public WebTestClient.ResponseSpec result(String token, String number) {
        return http.get().uri("/api/applications/{n}/result", number).headers(h -> h.setBearerAuth(token)).exchange();
    }

    /** A line of the scoring file: scores, their sum as the total, the exam date and centre. */
    public static String line(String number, String logic, String language, String total) {
        return number + "," + logic + "," + language + "," + total + ",2026-07-05,BAKU-01\n";
    }
}
