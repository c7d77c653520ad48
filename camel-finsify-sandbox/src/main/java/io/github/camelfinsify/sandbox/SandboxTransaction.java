package io.github.camelfinsify.sandbox;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A transaction as the sandbox holds it: the truth that tests compare API results with.
 *
 * @param id          transaction id (the API's {@code id})
 * @param accountId   the account it belongs to
 * @param date        booking date
 * @param amount      signed decimal string with two decimals, as the API sends it ({@code "-61299.00"})
 * @param currency    ISO 4217 currency code
 * @param description bank-style description
 * @param category    category in the API's style ({@code food_and_dining}, {@code income}, ...)
 */
public record SandboxTransaction(
        long id,
        long accountId,
        LocalDate date,
        String amount,
        String currency,
        String description,
        String category) {

    public SandboxTransaction {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(category, "category");
    }

    SandboxTransaction withAmountAndDescription(String newAmount, String newDescription) {
        return new SandboxTransaction(id, accountId, date,
                newAmount == null ? amount : newAmount,
                currency,
                newDescription == null ? description : newDescription,
                category);
    }
}
