package io.github.camelfinsify.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Makes realistic, deterministic transaction contents: amounts in the account's currency,
 * bank-style descriptions in the style of the service's country, and categories in the API's style.
 */
final class TransactionGenerator {

    /** The content of a transaction before it gets an id. */
    record Draft(LocalDate date, String amount, String description, String category) {
    }

    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT);
    private static final DateTimeFormatter MY = DateTimeFormatter.ofPattern("MM/yyyy", Locale.ROOT);
    private static final DateTimeFormatter MON_YEAR = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ROOT);

    private static final String[] TRANSPORT = {"UBER TRIP", "GRAB", "SHELL", "PETRONAS", "CALTEX", "BE GROUP"};
    private static final String[] FOOD = {"STARBUCKS", "MCDONALDS", "KFC", "HIGHLANDS COFFEE", "PIZZA HUT",
        "THE COFFEE HOUSE", "SUBWAY", "FOODPANDA"};
    private static final String[] SHOPPING = {"LAZADA", "SHOPEE", "AMAZON MKTPLACE", "UNIQLO", "IKEA", "TIKI",
        "ZARA", "WATSONS"};
    private static final String[] ENTERTAINMENT = {"NETFLIX.COM", "SPOTIFY", "CGV CINEMAS", "STEAM GAMES",
        "APPLE.COM/BILL"};
    private static final String[] HEALTH = {"GUARDIAN PHARMACY", "CALIFORNIA FITNESS", "PHARMACITY", "FAMILY MEDICAL"};
    private static final String[] TRAVEL = {"AIRASIA", "AGODA", "VIETJET AIR", "BOOKING.COM", "SINGAPORE AIRLINES"};
    private static final String[] BILLERS = {"ELECTRICITY", "WATER SUPPLY", "FIBRE INTERNET", "MOBILE POSTPAID"};
    private static final String[] NAMES = {"NGUYEN VAN AN", "TRAN THI BICH", "LIM WEI MING", "TAN SIEW LING",
        "JOHN SMITH", "EMILY CHEN", "AHMAD BIN ISMAIL", "SARAH JONES"};
    private static final String[] EMPLOYERS = {"FINTECH SOLUTIONS", "GLOBAL TRADING", "SUNRISE LOGISTICS"};

    private final String countryCode;
    private final String currency;
    private final BigDecimal rate;
    private final int scale;

    TransactionGenerator(String countryCode, String currency) {
        this.countryCode = countryCode;
        this.currency = currency;
        this.rate = switch (currency) {
            case "VND" -> new BigDecimal("23500");
            case "MYR" -> new BigDecimal("4.4");
            case "SGD" -> new BigDecimal("1.35");
            case "AUD" -> new BigDecimal("1.5");
            default -> BigDecimal.ONE;
        };
        // VND has no minor unit in practice: whole amounts, still written with ".00" as the API does
        this.scale = "VND".equals(currency) ? 0 : 2;
    }

    String currency() {
        return currency;
    }

    /** Two years of history for one account, up to and including {@code lastDay}, oldest first. */
    List<Draft> history(SplittableRandom random, String accountType, LocalDate lastDay) {
        List<Draft> drafts = new ArrayList<>();
        LocalDate first = lastDay.minusDays(729);
        int dailyPercent = switch (accountType) {
            case "saving" -> 24;
            case "credit_card" -> 40;
            default -> 40;
        };
        for (LocalDate day = first; !day.isAfter(lastDay); day = day.plusDays(1)) {
            if ("current".equals(accountType) && day.getDayOfMonth() == 25) {
                drafts.add(salary(random, day));
            }
            if ("saving".equals(accountType) && day.getDayOfMonth() == 1) {
                drafts.add(interest(random, day));
            }
            if ("credit_card".equals(accountType) && day.getDayOfMonth() == 15) {
                drafts.add(cardRepayment(random, day));
            }
            if (random.nextInt(100) < dailyPercent) {
                int count = random.nextInt(100) < 20 ? 2 : 1;
                for (int i = 0; i < count; i++) {
                    drafts.add("saving".equals(accountType) ? savingMovement(random, day) : spending(random, day));
                }
            }
        }
        return drafts;
    }

    /** One everyday transaction of a current account or card, dated {@code day}. */
    Draft spending(SplittableRandom random, LocalDate day) {
        int pick = random.nextInt(100);
        if (pick < 22) {
            return card(random, day, pick(random, FOOD), "food_and_dining", 3, 60);
        } else if (pick < 40) {
            return card(random, day, pick(random, TRANSPORT), "auto_and_transport", 2, 45);
        } else if (pick < 58) {
            return card(random, day, pick(random, SHOPPING), "shopping", 8, 250);
        } else if (pick < 66) {
            return card(random, day, pick(random, ENTERTAINMENT), "entertainment", 5, 30);
        } else if (pick < 71) {
            return card(random, day, pick(random, HEALTH), "health_and_fitness", 10, 120);
        } else if (pick < 74) {
            return card(random, day, pick(random, TRAVEL), "travel", 60, 600);
        } else if (pick < 82) {
            return bill(random, day);
        } else if (pick < 92) {
            return transfer(random, day);
        } else if (pick < 98) {
            return atm(random, day);
        } else {
            return fee(random, day);
        }
    }

    private Draft savingMovement(SplittableRandom random, LocalDate day) {
        return transfer(random, day);
    }

    private Draft card(SplittableRandom random, LocalDate day, String merchant, String category, int min, int max) {
        String amount = amount(random, -min, -max);
        String appCode = digits(random, 6);
        String description;
        if ("VN".equals(countryCode)) {
            description = "GD THE QUA POS SO THE 422149...0052 NGAY " + DMY.format(day) + " TAI " + merchant + " "
                    + letters(random, 5) + " NL APPCODE " + appCode + " TID / " + ftReference(random, day);
        } else {
            description = "POS PURCHASE " + merchant + " " + city() + " " + DMY.format(day)
                    + " CARD 4221...0052 AUTH " + appCode;
        }
        return new Draft(day, amount, description, category);
    }

    private Draft bill(SplittableRandom random, LocalDate day) {
        String biller = pick(random, BILLERS);
        String description = "VN".equals(countryCode)
                ? "THANH TOAN HOA DON " + biller + " MA KH PE" + digits(random, 10) + " / " + ftReference(random, day)
                : "BILL PAYMENT " + biller + " ACC " + digits(random, 8);
        return new Draft(day, amount(random, -20, -150), description, "bills_and_utilities");
    }

    private Draft transfer(SplittableRandom random, LocalDate day) {
        String name = pick(random, NAMES);
        boolean incoming = random.nextBoolean();
        String description;
        if ("VN".equals(countryCode)) {
            description = (incoming ? "NHAN TIEN TU " : "CHUYEN TIEN DEN ") + name + " / " + ftReference(random, day);
        } else {
            description = (incoming ? "FUND TRANSFER FROM " : "FUND TRANSFER TO ") + name + " REF "
                    + digits(random, 10);
        }
        return new Draft(day, incoming ? amount(random, 50, 800) : amount(random, -50, -800), description,
                "transfer");
    }

    private Draft atm(SplittableRandom random, LocalDate day) {
        String description = "VN".equals(countryCode)
                ? "RUT TIEN MAT TAI ATM " + city() + " NGAY " + DMY.format(day) + " / " + ftReference(random, day)
                : "ATM WITHDRAWAL " + city() + " " + DMY.format(day) + " TRACE " + digits(random, 6);
        int units = 20 + random.nextInt(10) * 20;
        return new Draft(day, round(BigDecimal.valueOf(-units)), description, "cash_withdrawal");
    }

    private Draft fee(SplittableRandom random, LocalDate day) {
        String description = "VN".equals(countryCode)
                ? "PHI DUY TRI TAI KHOAN THANG " + MY.format(day)
                : "SERVICE CHARGE " + MON_YEAR.format(day).toUpperCase(Locale.ROOT);
        return new Draft(day, amount(random, -1, -8), description, "fees_and_charges");
    }

    private Draft salary(SplittableRandom random, LocalDate day) {
        String employer = EMPLOYERS[(int) Math.floorMod(currency.hashCode(), EMPLOYERS.length)];
        String description = "VN".equals(countryCode)
                ? "LUONG THANG " + MY.format(day) + " CONG TY TNHH " + employer + " / " + ftReference(random, day)
                : "SALARY CREDIT " + employer + " " + MON_YEAR.format(day).toUpperCase(Locale.ROOT) + " REF "
                        + digits(random, 10);
        return new Draft(day, amount(random, 2500, 4500), description, "income");
    }

    private Draft interest(SplittableRandom random, LocalDate day) {
        String description = "VN".equals(countryCode)
                ? "TRA LAI TIEN GUI THANG " + MY.format(day.minusMonths(1))
                : "INTEREST CREDIT " + MON_YEAR.format(day.minusMonths(1)).toUpperCase(Locale.ROOT);
        return new Draft(day, amount(random, 2, 25), description, "income");
    }

    private Draft cardRepayment(SplittableRandom random, LocalDate day) {
        String description = "VN".equals(countryCode)
                ? "THANH TOAN THE TIN DUNG 422149...0052 / " + ftReference(random, day)
                : "CARD PAYMENT - THANK YOU REF " + digits(random, 10);
        return new Draft(day, amount(random, 300, 1500), description, "transfer");
    }

    /** A balance for an account of this type, in this currency. */
    String balance(SplittableRandom random, String accountType) {
        return switch (accountType) {
            case "saving" -> amount(random, 2000, 30000);
            case "credit_card" -> amount(random, -100, -2500);
            default -> amount(random, 300, 9000);
        };
    }

    /** An amount between {@code a} and {@code b} US dollars (either order), in this currency. */
    String amount(SplittableRandom random, int a, int b) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);
        long cents = (long) low * 100 + (long) (random.nextDouble() * (high - low) * 100);
        return round(BigDecimal.valueOf(cents, 2));
    }

    private String round(BigDecimal usd) {
        return usd.multiply(rate).setScale(scale, RoundingMode.HALF_UP).setScale(2, RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    private String city() {
        return switch (countryCode) {
            case "VN" -> "HO CHI MINH";
            case "MY" -> "KUALA LUMPUR";
            case "SG" -> "SINGAPORE";
            case "AU" -> "SYDNEY";
            default -> "NEW YORK";
        };
    }

    private static String ftReference(SplittableRandom random, LocalDate day) {
        return "FT" + String.format(Locale.ROOT, "%02d%03d", day.getYear() % 100, day.getDayOfYear())
                + digits(random, 9);
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String digits(SplittableRandom random, int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private static String letters(SplittableRandom random, int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append((char) ('A' + random.nextInt(26)));
        }
        return sb.toString();
    }

    /** A stable pseudo-random 64-bit mix of the inputs (SplitMix64 finaliser). */
    static long mix(long... values) {
        long h = 0x9E3779B97F4A7C15L;
        for (long v : values) {
            h ^= v;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
            h *= 0x94D049BB133111EBL;
            h ^= h >>> 29;
        }
        return h;
    }

    /** The API's {@code original_id}: the service's slug and 32 hex digits derived from the seed and the id. */
    static String originalId(String slug, long seed, long id) {
        return slug + "-" + String.format(Locale.ROOT, "%016x%016x", mix(seed, id, 1), mix(seed, id, 2));
    }
}
