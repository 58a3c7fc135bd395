package az.ekabinet.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.client.ApiClient;
import az.ekabinet.client.ApiException;
import az.ekabinet.client.api.CabinetApi;
import az.ekabinet.client.api.DemoApi;
import az.ekabinet.client.api.ExamApi;
import az.ekabinet.client.api.WalletApi;
import az.ekabinet.client.model.ApplicationConfirmation;
import az.ekabinet.client.model.BachelorRequest;
import az.ekabinet.client.model.ConfirmationRequest;
import az.ekabinet.client.model.CreditRequest;
import az.ekabinet.client.model.ExamChoicesRequest;
import az.ekabinet.client.model.LoginRequest;
import az.ekabinet.client.model.MasterRequest;
import az.ekabinet.client.model.RegistrationContact;
import az.ekabinet.client.model.RegistrationPassword;
import az.ekabinet.client.model.RegistrationStart;
import az.ekabinet.client.model.ResidenceRequest;
import az.ekabinet.client.model.VerificationCode;
import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A citizen's main journey driven by the Java client OpenAPI Generator made from the service's document (the build
 * generates it from the committed copy, which {@link ApiDocumentIT} keeps the served one): register, log in, credit
 * a payment code, apply, confirm, print. No HTTP written by hand, but the payment provider's signed notification,
 * which is not the citizen's to make.
 */
@IntegrationTest
class GeneratedClientIT {

    static final String PASSWORD = "a generated client's password";
    static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;

    @Test
    void aCitizensJourneyThroughTheGeneratedClient() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        // the generated APIs take the interceptor as they are made: it sends the token once there is one
        AtomicReference<String> token = new AtomicReference<>();
        client.setRequestInterceptor(request -> {
            if (token.get() != null) {
                request.header("Authorization", "Bearer " + token.get());
            }
        });
        CabinetApi cabinet = new CabinetApi(client);
        DemoApi demo = new DemoApi(client);

        String document = Ids.documentNumber();
        String phone = Ids.phone();
        var started = cabinet.startRegistration(new RegistrationStart()
                .documentSeries(RegistrationStart.DocumentSeriesEnum.AZE).documentNumber(document).fin(Ids.fin()), null);
        cabinet.giveRegistrationContact(started.getRegistrationId(), new RegistrationContact().mobilePhone(phone), null);
        Matcher sms = CODE.matcher(demo.readSmsOutbox(phone, null).get(0).getText());
        assertThat(sms.find()).isTrue();
        cabinet.verifyRegistrationPhone(started.getRegistrationId(), new VerificationCode().code(sms.group(1)), null);
        String cabinetNumber = cabinet.setRegistrationPassword(started.getRegistrationId(),
                new RegistrationPassword().password(PASSWORD), null).getCabinetNumber();

        token.set(cabinet.logIn(new LoginRequest().username(cabinetNumber).password(PASSWORD), null).getAccessToken());
        assertThat(cabinet.getMe(null).getCabinetNumber()).isEqualTo(cabinetNumber);

        String code = Ids.paymentCode();
        ProviderClient bank = ProviderClient.demoBank(http, clock);
        bank.post(bank.notification(code, "50.00", "AZE" + document)).expectStatus().isCreated();
        WalletApi wallet = new WalletApi(client);
        assertThat(wallet.creditPaymentCode(new CreditRequest().paymentCode(code), "credit-" + code, null)
                .getBalance()).isEqualTo("50.00");
        assertThatThrownBy(() -> wallet.creditPaymentCode(new CreditRequest().paymentCode(code), null, null))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.getCode()).isEqualTo(409);
                    assertThat(refused.getResponseBody()).contains("PAYMENT_CODE_ALREADY_CREDITED");
                });

        ExamApi exam = new ExamApi(client);
        assertThat(exam.listExamSessions(null)).anyMatch(s -> ApplicationClient.DEMO_SESSION.equals(s.getId()));
        String number = exam.startApplication(ApplicationClient.DEMO_SESSION, null).getApplicationNumber();
        exam.recordResidence(number, new ResidenceRequest().districtCode("BAKU"), null);
        exam.recordBachelorEducation(number, new BachelorRequest().source(BachelorRequest.SourceEnum.MANUAL)
                .institutionCode("11726").admissionYear(2017).graduationYear(2021).specialtyCode("50634")
                .diplomaSeries("OY").diplomaNumber("778899").instructionLanguage("AZ"), null);
        exam.recordMasterEducation(number, new MasterRequest().kind(MasterRequest.KindEnum.NONE), null);
        exam.recordExamChoices(number, new ExamChoicesRequest().section(ExamChoicesRequest.SectionEnum.AZ)
                .foreignLanguage(ExamChoicesRequest.ForeignLanguageEnum.EN), null);
        assertThat(exam.getApplication(number, null).getProblems()).isEmpty();

        var confirmed = exam.confirmApplication(number, new ConfirmationRequest().consentToDebit(true), null, null);
        assertThat(confirmed.getStatus()).isEqualTo(ApplicationConfirmation.StatusEnum.CONFIRMED);
        assertThat(confirmed.getBalance()).isEqualTo("0.00");

        File pdf = exam.printApplication(number, null);
        assertThat(Files.readAllBytes(pdf.toPath())).startsWith("%PDF".getBytes());
    }
}
