package az.ekabinet.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.OpsStreams;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The dashboard at /ops in a real browser (Debian's headless chromium, driven through chromedriver): it loads, logs
 * in as the demo operator, connects to the stream and shows the payments-credited counter go up when a citizen
 * credits a payment. The page as it then looks is kept as {@code src-it/target/ops-dashboard.png}.
 */
@IntegrationTest
class OpsDashboardBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target", "ops-dashboard.png");

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;

    @Test
    void theDashboardConnectsAndShowsACreditedPayment() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("%s and %s are needed (Debian packages chromium and chromium-driver, which .ci/run installs)",
                        CHROMIUM, CHROMEDRIVER)
                .isTrue();
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1100");
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            // the dashboard redraws its tables with every counters event: a row read while it is replaced is read again
            wait.ignoring(StaleElementReferenceException.class);
            browser.get("http://localhost:" + port + "/ops");
            assertThat(browser.getTitle()).contains("operator panel");
            browser.findElement(By.id("username")).sendKeys(OpsStreams.OPERATOR);
            browser.findElement(By.id("password")).sendKeys(OpsStreams.OPERATOR_PASSWORD);
            browser.findElement(By.id("login-button")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "connected"));
            wait.until(page -> !credited(page).equals("–"));
            long before = Long.parseLong(credited(browser));

            var citizen = new CitizenClient(http).signUp("seen on the operators' dashboard");
            ProviderClient.demoBank(http, clock).payInto(citizen.token(), "25.00");

            wait.until(page -> Long.parseLong(credited(page)) > before);
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#feed li[data-type='PaymentCodeRedeemed']")));
            assertThat(browser.findElement(By.id("feed")).getText())
                    .contains("25.00 AZN")
                    .doesNotContain(citizen.fin(), citizen.cabinetNumber(), citizen.document());
            // the nodes' admission counts, as each node reports them: the payment and the credit were money
            wait.until(page -> admittedAsMoney(page) > 0);
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    /** The admitted count of the dashboard's row for the class of money requests; 0 until the row is there. */
    private static long admittedAsMoney(WebDriver page) {
        var cells = page.findElements(By.cssSelector("#admission tr[data-class='critical'] td"));
        return cells.size() < 2 ? 0 : Long.parseLong(cells.get(1).getText());
    }

    private static String credited(WebDriver page) {
        return page.findElement(By.id("counter-paymentsCredited")).getText();
    }
}
