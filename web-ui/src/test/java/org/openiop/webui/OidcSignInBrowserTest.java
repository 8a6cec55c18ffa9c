package org.openiop.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * The production front door: users sign in through a real OpenID Connect provider (mock-oauth2-server, started
 * here, with its interactive login page) by the authorization code flow with PKCE; the front door relays each
 * user's access token to the services, which accept only tokens of that issuer (no built-in users) and check the
 * roles in it. Each role reaches its home page with data the services gave it as that user.
 */
class OidcSignInBrowserTest {

    private static MockOAuth2Server provider;
    private static FrontDoorPlatform platform;
    private static WebDriver browser;
    private static Chromium chromium;
    private static WebDriverWait wait;
    private static String issuer;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumeInstalled();
        provider = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
        provider.start();
        issuer = provider.issuerUrl("openiop").toString();
        platform = new FrontDoorPlatform(
                List.of("spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer),
                List.of("spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
                        "spring.security.oauth2.client.provider.openiop.issuer-uri=" + issuer,
                        "spring.security.oauth2.client.provider.openiop.user-name-attribute=preferred_username",
                        "spring.security.oauth2.client.registration.openiop.client-id=openiop",
                        "spring.security.oauth2.client.registration.openiop.client-authentication-method=none",
                        "spring.security.oauth2.client.registration.openiop.authorization-grant-type=authorization_code",
                        "spring.security.oauth2.client.registration.openiop.scope=openid,profile"));
        chromium = Chromium.start(new org.openqa.selenium.Dimension(1366, 768), Duration.ofSeconds(20));
        browser = chromium.browser;
        wait = chromium.wait;
    }

    @AfterAll
    static void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    void eachRoleSignsInThroughTheProviderAndReachesItsHomePage() {
        // a program, created with an admin's token of the same provider (the services trust nothing else)
        String adminToken = provider.issueToken("openiop", "admin", "openiop",
                Map.of("preferred_username", "admin", "roles", List.of("ADMIN", "STAFF"))).serialize();
        String programName = "Bayview program " + System.nanoTime() % 10000;
        Api.bearer(platform.scheduling, adminToken).post("/api/programs", Map.of("name", programName,
                "timeZone", "America/New_York", "locationLabel", "Bayview", "phone", "+12125550100"));

        signIn("maria.staff", "STAFF");
        assertThat(heading()).isEqualTo("Choose a program"); // the list came from scheduling-service, as maria
        assertThat(browser.findElement(By.id("found-programs")).getText()).contains(programName);
        Chromium.clickToNextPage(browser, wait, By.cssSelector("#found-programs button"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Today"));
        assertThat(browser.findElement(By.cssSelector(".signout")).getText()).contains("maria.staff");
        PageChecks.checkAndShoot(browser, "oidc-staff-home");
        signOut();

        signIn("omar.officer", "COMPLIANCE_OFFICER");
        assertThat(heading()).isEqualTo("Clients at risk this week");
        assertThat(browser.findElements(By.linkText("Today"))).isEmpty(); // no staff pages for this role
        signOut();

        signIn("ada.admin", "ADMIN");
        assertThat(heading()).isEqualTo("Programs and settings");
        assertThat(browser.findElement(By.id("programs")).getText()).contains(programName);
        // the audit trails of all three services, read with ada's token (ADMIN may; nobody else signed in)
        browser.findElement(By.linkText("Audit log")).click();
        assertThat(heading()).isEqualTo("Audit log");
        assertThat(browser.findElements(By.cssSelector(".failure"))).isEmpty();
        signOut();
    }

    /** Through the provider's own login page: a user name and the token's claims (the realm's roles). */
    private static void signIn(String user, String role) {
        browser.manage().deleteAllCookies();
        browser.get(platform.webUi + "/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("oidc-sign-in"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username"))).sendKeys(user);
        browser.findElement(By.name("claims")).sendKeys("{\"preferred_username\": \"" + user
                + "\", \"realm_access\": {\"roles\": [\"" + role + "\"]}}");
        browser.findElement(By.cssSelector("input[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".signout")));
        assertThat(browser.getCurrentUrl()).startsWith(platform.webUi);
    }

    /** Signs out of the front door (which also asks the provider to end its session); the pages then need a sign-in. */
    private static void signOut() {
        org.openqa.selenium.WebElement button = browser.findElement(By.cssSelector(".signout button"));
        button.click();
        // the button's page is gone once the sign-out navigates away; Chromium reports a node of an unloaded
        // document either as stale or as "does not belong to the document", both mean the same here
        wait.until(d -> {
            try {
                button.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        browser.get(platform.webUi + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("oidc-sign-in")));
    }

    private static String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }
}
