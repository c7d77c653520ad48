package io.github.camelfinsify.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * A service (bank, statement or other provider) of the sandbox's catalogue, as served by
 * {@code GET /service.json}.
 *
 * @param id              service id, used as {@code service_id} when creating tokens
 * @param name            display name
 * @param slug            file-name stem of its media ({@code slug-cover.png}, {@code slug-logo.png})
 * @param primaryColor    primary colour, six hex digits
 * @param secondaryColor  secondary colour, six hex digits
 * @param type            {@code bank}, {@code statement} or {@code other}
 * @param countryCode     ISO 3166 alpha-2 country code
 * @param currency        currency of the accounts this service's logins get
 * @param hasBalance      whether the service reports balances
 * @param coverExtension  file extension of the cover image
 * @param callToAction    prompt, text and url of the call to action, or {@code null}
 */
public record SandboxService(
        int id,
        String name,
        String slug,
        String primaryColor,
        String secondaryColor,
        String type,
        String countryCode,
        String currency,
        boolean hasBalance,
        String coverExtension,
        List<String> callToAction) {

    static final String PROVIDER = "Finsify";
    static final String MEDIA_PATH = "https://assets.finsify.com/services/";

    /** The catalogue: the same for every seed. */
    static final List<SandboxService> CATALOGUE = List.of(
            new SandboxService(8, "Techcombank", "techcombank", "ED1C24", "231F20", "bank", "VN", "VND", true, "png", null),
            new SandboxService(12, "Vietcombank", "vietcombank", "006B3F", "8DC63F", "bank", "VN", "VND", true, "png", null),
            new SandboxService(15, "VPBank Statement", "vpbank_statement", "00A651", "ED1C24", "statement", "VN", "VND", false, "png", null),
            new SandboxService(21, "MoMo", "momo", "A50064", "FFFFFF", "other", "VN", "VND", true, "png",
                    List.of("No account yet?", "Register now!", "https://momo.vn/register")),
            new SandboxService(67, "AmBank", "ambank", "ED1B24", "FEF200", "bank", "MY", "MYR", true, "png", null),
            new SandboxService(68, "Maybank2u", "maybank", "FFC600", "000000", "bank", "MY", "MYR", true, "png", null),
            new SandboxService(70, "CIMB Clicks", "cimb_clicks", "7A0019", "ED1C24", "bank", "MY", "MYR", true, "png", null),
            new SandboxService(90, "DBS Bank", "dbs_bank", "E4002B", "000000", "bank", "SG", "SGD", true, "png", null),
            new SandboxService(91, "OCBC Bank", "ocbc_bank", "E0201B", "FFFFFF", "bank", "SG", "SGD", true, "png", null),
            new SandboxService(92, "UOB Statement", "uob_statement", "0B3B8C", "E31B23", "statement", "SG", "SGD", false, "png", null),
            new SandboxService(120, "Chase", "chase", "117ACA", "FFFFFF", "bank", "US", "USD", true, "png", null),
            new SandboxService(121, "Bank of America", "bank_of_america", "E31837", "012169", "bank", "US", "USD", true, "png", null),
            new SandboxService(130, "PayPal", "paypal", "003087", "009CDE", "other", "US", "USD", true, "png",
                    List.of("No account yet?", "Sign up for free", "https://www.paypal.com/signup")),
            new SandboxService(131, "American Express Statement", "amex_statement", "2E77BB", "FFFFFF", "statement", "US", "USD", false, "png", null),
            new SandboxService(140, "Westpac Bank", "westpac_bank", "D5002B", "621A4B", "bank", "AU", "AUD", true, "jpg", null),
            new SandboxService(141, "Commonwealth Bank", "commonwealth_bank", "FFCC00", "000000", "bank", "AU", "AUD", true, "png", null));

    static Optional<SandboxService> byId(long id) {
        return CATALOGUE.stream().filter(s -> s.id == id).findFirst();
    }

    String coverFileName() {
        return slug + "-cover." + coverExtension;
    }

    String logoFileName() {
        return slug + "-logo.png";
    }
}
