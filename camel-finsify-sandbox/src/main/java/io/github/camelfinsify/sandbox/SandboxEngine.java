package io.github.camelfinsify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's state and behaviour: every endpoint of the API, the connect page and the admin API, over
 * plain {@link ApiRequest}s. Thread-safe: each operation holds the engine's lock; streamed bodies of
 * {@code user_many} are computed outside it.
 */
final class SandboxEngine {

    /** The settings the engine runs with. */
    record Config(String clientId, String serviceSecret, String appSecret, long seed, Duration tokenTtl,
            int manyTransactions, Duration refreshCooldown, Clock clock, AdminAccess adminAccess) {
    }

    static final String PASSWORD = "pass_good";
    static final String USER_GOOD = "user_good";
    static final String USER_MANY = "user_many";
    static final String USER_UPDATES = "user_updates";
    static final Map<String, String> FAILING_USERS = Map.of(
            "wrong_credentials", "login_wrong_credentials",
            "password_expired", "login_password_expired",
            "account_locked", "login_account_locked");
    static final Set<String> GOOD_USERS = Set.of(USER_GOOD, USER_MANY, USER_UPDATES);
    static final int DEFAULT_SERVICE_ID = 8;
    static final int MAX_BULK_LOGINS = 100_000;
    /** Salt of the random that generates a bulk account's history. */
    private static final long BULK_HISTORY = 0x42554C4BL;

    private static final Pattern CONNECT = Pattern.compile("/v2/connect/term/([^/]+)");
    private static final Pattern ADMIN_ACCOUNT_TXNS = Pattern.compile("/sandbox/accounts/(\\d+)/transactions");
    private static final Pattern ADMIN_TXN = Pattern.compile("/sandbox/transactions/(\\d+)");
    private static final Pattern ADMIN_LOGIN_STATUS = Pattern.compile("/sandbox/logins/(\\d+)/status");
    private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,15}(\\.\\d{1,2})?");

    private final Config config;
    private final Consumer<String> webhooks;
    private volatile String baseUrl = "http://localhost/v2";
    private State state;
    private final Deque<FaultSpec> faults = new ArrayDeque<>();

    SandboxEngine(Config config, Consumer<String> webhooks) {
        this.config = config;
        this.webhooks = webhooks;
        this.state = new State();
    }

    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    // ------------------------------------------------------------------ state

    private static final class Customer {
        final String id;
        final String identifier;

        Customer(String id, String identifier) {
            this.id = id;
            this.identifier = identifier;
        }
    }

    private static final class Token {
        final String id;
        final String customerId;
        final int serviceId;
        final String callbackUrl;
        final Instant expiresAt;
        final Login reconnect;
        boolean used;

        Token(String id, String customerId, int serviceId, String callbackUrl, Instant expiresAt, Login reconnect) {
            this.id = id;
            this.customerId = customerId;
            this.serviceId = serviceId;
            this.callbackUrl = callbackUrl;
            this.expiresAt = expiresAt;
            this.reconnect = reconnect;
        }
    }

    private static final class Login {
        final long id;
        final String secret;
        final String customerId;
        final SandboxService service;
        final String username;
        final List<Account> accounts = new ArrayList<>();
        String failOnRefreshStatus;
        String status;
        boolean active = true;
        Instant lastRefreshAt;
        Instant nextRefreshPossibleAt;
        int refreshes;

        Login(long id, String secret, String customerId, SandboxService service, String username) {
            this.id = id;
            this.secret = secret;
            this.customerId = customerId;
            this.service = service;
            this.username = username;
        }
    }

    private static final class Account {
        final long id;
        final Login login;
        final String type;
        final String name;
        final String balance;
        final String currency;
        final List<SandboxTransaction> transactions = new ArrayList<>();
        ManyTransactions many;
        /**
         * Set on a bulk login's account: its history up to this day is generated from the seed whenever it is
         * read, and stored only when it first changes, so thousands of such logins cost next to no memory.
         */
        LocalDate generatedUntil;

        Account(long id, Login login, String type, String name, String balance, String currency) {
            this.id = id;
            this.login = login;
            this.type = type;
            this.name = name;
            this.balance = balance;
            this.currency = currency;
        }

        String originalId(long seed) {
            return login.service.slug() + "-acc-" + String.format(Locale.ROOT, "%012x",
                    TransactionGenerator.mix(seed, id) & 0xFFFFFFFFFFFFL);
        }
    }

    private static final class State {
        final Map<String, Customer> customersById = new HashMap<>();
        final Map<String, Customer> customersByIdentifier = new HashMap<>();
        final Map<String, Token> tokens = new HashMap<>();
        final Map<Long, Login> logins = new LinkedHashMap<>();
        final Map<String, Login> loginsBySecret = new HashMap<>();
        final Map<Long, Account> accounts = new HashMap<>();
        final Map<Long, Account> accountOfTransaction = new HashMap<>();
        long nextLoginId = 21001;
        long nextAccountId = 19301;
        long nextTransactionId = 4116001;
        int nextCustomerNumber = 1;
    }

    private record FaultSpec(String type, int[] remaining, long delayMillis) {
    }

    static final Set<String> FAULT_TYPES = Set.of("503", "500", "429", "delay", "reset", "malformed");

    // ------------------------------------------------------------------ routing

    ApiReply handle(ApiRequest request) {
        try {
            String path = request.path();
            if (path.equals("/service.json")) {
                return services(request);
            }
            if (path.equals("/v2") || path.startsWith("/v2/")) {
                Matcher connect = CONNECT.matcher(path);
                if (connect.matches()) {
                    return connectPage(request, connect.group(1));
                }
                return api(request);
            }
            if (path.equals("/sandbox") || path.startsWith("/sandbox/")) {
                if (!config.adminAccess().permits(request.header(AdminAccess.HEADER))) {
                    return adminError(401, "Unauthorized",
                            "The sandbox's admin API needs header Authorization: Bearer <admin token>")
                            .header("WWW-Authenticate", AdminAccess.CHALLENGE);
                }
                return admin(request);
            }
            return ApiError.badRequest("No such endpoint: " + request.method() + " " + path).reply();
        } catch (ApiError e) {
            return e.reply();
        }
    }

    private ApiReply services(ApiRequest request) {
        if (!request.method().equals("GET")) {
            throw ApiError.badRequest("Use GET for /service.json");
        }
        ArrayNode list = Json.array();
        for (SandboxService s : SandboxService.CATALOGUE) {
            ObjectNode node = list.addObject();
            node.put("id", s.id());
            node.put("name", s.name());
            node.put("provider", SandboxService.PROVIDER);
            node.put("media_path", SandboxService.MEDIA_PATH);
            node.put("cover_file_name", s.coverFileName());
            node.put("logo_file_name", s.logoFileName());
            ObjectNode color = node.putObject("color");
            color.put("primary", s.primaryColor());
            color.put("secondary", s.secondaryColor());
            node.put("type", s.type());
            node.put("country_code", s.countryCode());
            node.put("has_balance", s.hasBalance());
            if (s.callToAction() == null) {
                node.putNull("call_to_action");
            } else {
                ObjectNode cta = node.putObject("call_to_action");
                cta.put("prompt", s.callToAction().get(0));
                cta.put("text", s.callToAction().get(1));
                cta.put("url", s.callToAction().get(2));
            }
        }
        return ApiReply.json(200, list);
    }

    // ------------------------------------------------------------------ the v2 API

    private ApiReply api(ApiRequest request) {
        FaultSpec fault = takeFault();
        if (fault != null) {
            switch (fault.type()) {
                case "503":
                    return new ApiError(503, "ServerMaintenance",
                            "Servers are currently undergoing maintenance. Please try later", Json.object()).reply();
                case "500":
                    return new ApiError(500, "InternalError", "Sorry server is crash. Please try again.",
                            Json.object()).reply();
                case "429":
                    return new ApiError(429, "TooManyRequests", "Too many requests. Please retry after 1 second.",
                            Json.object()).reply().header("Retry-After", "1");
                case "reset":
                    return ApiReply.fault(ApiReply.TransportFault.CONNECTION_RESET);
                case "malformed":
                    return ApiReply.rawJson(200, "{\"data\":[{\"id\":41163,\"original_id\":\"trunc");
                default:
                    return authenticatedApi(request).delayed(fault.delayMillis());
            }
        }
        return authenticatedApi(request);
    }

    private ApiReply authenticatedApi(ApiRequest request) {
        authenticateClient(request);
        String method = request.method();
        if ((method.equals("POST") || method.equals("PUT")) && !isJson(request.header("content-type"))) {
            throw new ApiError(400, "ContentInputInvalid", "Only allow data type application/json", Json.object());
        }
        String route = method + " " + request.path();
        synchronized (this) {
            return switch (route) {
                case "POST /v2/customer" -> createCustomer(body(request));
                case "POST /v2/token" -> createToken(body(request));
                case "POST /v2/token/reconnect" -> reconnect(request, body(request));
                case "GET /v2/account" -> accounts(login(request));
                case "GET /v2/transaction" -> transactions(login(request), request);
                case "PUT /v2/login/activate" -> activation(login(request), true);
                case "PUT /v2/login/deactivate" -> activation(login(request), false);
                case "PUT /v2/login/refresh" -> refresh(login(request));
                default -> throw ApiError.badRequest("No such endpoint: " + route);
            };
        }
    }

    private void authenticateClient(ApiRequest request) {
        String clientId = request.header("client-id");
        if (clientId == null || !clientId.equals(config.clientId())) {
            ObjectNode extra = Json.object();
            extra.put("clientId", clientId == null ? "" : clientId);
            throw new ApiError(404, "ClientNotFound", "Can't find client with your id", extra);
        }
        String serviceSecret = request.header("service-secret");
        String appSecret = request.header("app-secret");
        boolean valid = serviceSecret != null
                ? constantTimeEquals(serviceSecret, config.serviceSecret())
                : appSecret != null && constantTimeEquals(appSecret, config.appSecret());
        if (!valid) {
            throw new ApiError(400, "CredentialInvalid", "Credentials is invalid", Json.object());
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json");
    }

    private static JsonNode body(ApiRequest request) {
        if (request.body().isBlank()) {
            return Json.object();
        }
        JsonNode node = Json.parse(request.body());
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("The request body is not a JSON object");
        }
        return node;
    }

    private Login login(ApiRequest request) {
        String secret = request.header("login-secret");
        Login login = secret == null ? null : state.loginsBySecret.get(secret);
        if (login == null) {
            String echoed = secret == null ? "" : secret;
            ObjectNode extra = Json.object();
            extra.put("loginSecret", echoed);
            throw new ApiError(404, "LoginNotFound", "Cannot find Login with login secret: '" + echoed + "'.", extra);
        }
        return login;
    }

    private ApiReply createCustomer(JsonNode body) {
        String identifier = requiredText(body, "identifier");
        if (state.customersByIdentifier.containsKey(identifier)) {
            ObjectNode extra = Json.object();
            extra.put("identifier", identifier);
            throw new ApiError(400, "CustomerExists", "Customer \"" + identifier + "\" is exists", extra);
        }
        Customer customer = newCustomer(identifier);
        ObjectNode data = Json.object();
        data.put("customer_id", customer.id);
        data.put("identifier", customer.identifier);
        return ApiReply.json(200, Json.envelope(data));
    }

    private Customer newCustomer(String identifier) {
        Customer customer = new Customer(UUID.randomUUID().toString(), identifier);
        state.customersById.put(customer.id, customer);
        state.customersByIdentifier.put(identifier, customer);
        return customer;
    }

    private ApiReply createToken(JsonNode body) {
        String customerId = requiredText(body, "customer_id");
        JsonNode serviceNode = body.get("service_id");
        if (serviceNode == null || serviceNode.isNull()) {
            throw ApiError.dataInvalid("service_id", "service_id is required");
        }
        if (!serviceNode.canConvertToLong() && !(serviceNode.isTextual() && serviceNode.asText().matches("\\d+"))) {
            throw ApiError.dataInvalid("service_id", "service_id must be an integer");
        }
        long serviceId = serviceNode.asLong();
        String callbackUrl = requiredText(body, "callback_url");
        if (!state.customersById.containsKey(customerId)) {
            ObjectNode extra = Json.object();
            extra.put("customerId", customerId);
            throw new ApiError(404, "CustomerNotFound", "Cannot find Customer with id: '" + customerId + "'.", extra);
        }
        SandboxService service = SandboxService.byId(serviceId).orElseThrow(() -> {
            ObjectNode extra = Json.object();
            extra.put("serviceId", serviceId);
            return new ApiError(404, "ServiceNotFound", "Cannot find Service with id: '" + serviceId + "'.", extra);
        });
        Token token = newToken(customerId, service.id(), callbackUrl, null);
        return tokenReply(token);
    }

    private Token newToken(String customerId, int serviceId, String callbackUrl, Login reconnect) {
        Instant expiresAt = config.clock().instant().plus(config.tokenTtl());
        Token token = new Token(UUID.randomUUID().toString(), customerId, serviceId, callbackUrl, expiresAt, reconnect);
        state.tokens.put(token.id, token);
        return token;
    }

    private ApiReply tokenReply(Token token) {
        ObjectNode data = Json.object();
        data.put("id", token.id);
        data.put("connect_url", baseUrl + "/connect/term/" + token.id);
        return ApiReply.json(200, Json.envelope(data));
    }

    private ApiReply reconnect(ApiRequest request, JsonNode body) {
        Login login = login(request);
        String callbackUrl = requiredText(body, "callback_url");
        return tokenReply(newToken(login.customerId, login.service.id(), callbackUrl, login));
    }

    private ApiReply accounts(Login login) {
        ArrayNode list = Json.array();
        for (Account account : login.accounts) {
            ObjectNode node = list.addObject();
            node.put("id", account.id);
            node.put("original_id", account.originalId(config.seed()));
            node.put("login_id", login.id);
            node.put("name", account.name);
            node.put("balance", account.balance);
            node.put("currency", account.currency);
            node.put("type", account.type);
        }
        return ApiReply.json(200, Json.envelope(list));
    }

    private ApiReply transactions(Login login, ApiRequest request) {
        String accountParam = request.query().get("account_id");
        if (accountParam == null || accountParam.isBlank()) {
            throw ApiError.dataInvalid("account_id", "account_id is required");
        }
        long accountId;
        try {
            accountId = Long.parseLong(accountParam.trim());
        } catch (NumberFormatException e) {
            throw ApiError.dataInvalid("account_id", "account_id must be an integer");
        }
        LocalDate from = date(request, "from_date");
        LocalDate toDate = date(request, "to_date");
        LocalDate endDate = date(request, "end_date");
        if (toDate != null && endDate != null && !toDate.equals(endDate)) {
            throw ApiError.dataInvalid("end_date", "to_date and end_date differ");
        }
        LocalDate to = toDate != null ? toDate : endDate;
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiError.dataInvalid("from_date", "from_date is after to_date");
        }
        Account account = state.accounts.get(accountId);
        if (account == null || account.login != login) {
            ObjectNode extra = Json.object();
            extra.put("accountId", accountId);
            throw new ApiError(404, "AccountNotFound", "Cannot find Account with id: '" + accountId + "'.", extra);
        }
        if (account.many != null) {
            ManyTransactions many = account.many;
            return ApiReply.streamingJson(() -> many.stream(from, to));
        }
        ArrayNode list = Json.array();
        String slug = login.service.slug();
        for (SandboxTransaction t : current(account)) {
            if ((from == null || !t.date().isBefore(from)) && (to == null || !t.date().isAfter(to))) {
                list.add(Json.transaction(t, TransactionGenerator.originalId(slug, config.seed(), t.id())));
            }
        }
        return ApiReply.json(200, Json.envelope(list));
    }

    private static LocalDate date(ApiRequest request, String name) {
        String value = request.query().get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.dataInvalid(name, name + " must be a date YYYY-MM-DD");
        }
    }

    private ApiReply activation(Login login, boolean activate) {
        login.active = activate;
        ObjectNode data = Json.object();
        data.put("id", login.id);
        data.put(activate ? "activate" : "deActivate", true);
        ObjectNode root = Json.object();
        root.set("data", data);
        return ApiReply.json(200, root);
    }

    private ApiReply refresh(Login login) {
        Instant now = config.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        boolean allowed = login.active && login.status == null
                && (login.nextRefreshPossibleAt == null || !now.isBefore(login.nextRefreshPossibleAt));
        if (allowed) {
            login.lastRefreshAt = now;
            login.nextRefreshPossibleAt = now.plus(config.refreshCooldown());
            login.refreshes++;
            if (login.failOnRefreshStatus != null) {
                login.status = login.failOnRefreshStatus;
                login.failOnRefreshStatus = null;
                fireLoginStatus(login);
            } else if (login.username.equals(USER_UPDATES)) {
                applyUpdates(login);
            }
        }
        ObjectNode data = Json.object();
        data.put("id", login.id);
        data.put("refreshed", allowed);
        data.put("last_refresh_at", Json.instant(login.lastRefreshAt));
        data.put("next_refresh_possible_at", Json.instant(login.nextRefreshPossibleAt));
        return ApiReply.json(200, Json.envelope(data));
    }

    /** user_updates: a few new transactions dated today, and one recent transaction changed. */
    private void applyUpdates(Login login) {
        Account account = login.accounts.get(0);
        SplittableRandom random = new SplittableRandom(
                TransactionGenerator.mix(config.seed(), login.id, login.refreshes, 0x55504454L));
        List<SandboxTransaction> existing = changeable(account);
        if (!existing.isEmpty()) {
            int index = existing.size() - 1;
            SandboxTransaction recent = existing.get(index);
            TransactionGenerator generator = generator(login.service);
            String amount = generator.amount(random, -5, -80);
            String description = recent.description().replaceFirst(" \\(ADJUSTED \\d+\\)$", "")
                    + " (ADJUSTED " + login.refreshes + ")";
            existing.set(index, recent.withAmountAndDescription(amount, description));
        }
        int count = 1 + random.nextInt(3);
        addToAccount(account, count, random);
        fireNewTransactions(account, count);
    }

    private String requiredText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || !node.isValueNode() || node.asText().isBlank()) {
            throw ApiError.dataInvalid(field, field + " is required");
        }
        return node.asText();
    }

    // ------------------------------------------------------------------ connect page

    private ApiReply connectPage(ApiRequest request, String tokenId) {
        boolean wantsJson = request.header("accept") != null && request.header("accept").contains("application/json");
        synchronized (this) {
            Token token = state.tokens.get(tokenId);
            try {
                if (token == null) {
                    throw ApiError.badRequest("Unknown token");
                }
                if (token.used || !config.clock().instant().isBefore(token.expiresAt)) {
                    ObjectNode extra = Json.object();
                    extra.put("token", tokenId);
                    throw new ApiError(400, "TokenExpire", "Your token is expired. Please create new token.", extra);
                }
            } catch (ApiError e) {
                return wantsJson ? e.reply() : ApiReply.html(e.status, ConnectPage.error(e.error, e.getMessage()));
            }
            SandboxService service = SandboxService.byId(token.serviceId).orElseThrow();
            if (request.method().equals("GET")) {
                return ApiReply.html(200, ConnectPage.form(service, request.path()));
            }
            if (!request.method().equals("POST")) {
                return ApiReply.html(400, ConnectPage.error("BadRequest", "Use GET or POST"));
            }
            Map<String, String> form = ApiRequest.parseForm(request.body());
            String username = form.getOrDefault("username", "").trim();
            String password = form.getOrDefault("password", "");
            token.used = true;
            String result;
            if (!PASSWORD.equals(password)) {
                result = "{\"status\":\"login_wrong_credentials\"}";
            } else if (FAILING_USERS.containsKey(username)) {
                result = "{\"status\":\"" + FAILING_USERS.get(username) + "\"}";
            } else if (!GOOD_USERS.contains(username)) {
                result = "{\"status\":\"login_wrong_credentials\"}";
            } else {
                Login login;
                if (token.reconnect != null) {
                    login = token.reconnect;
                    login.status = null;
                    login.failOnRefreshStatus = null;
                } else {
                    login = newLogin(token.customerId, service, username, false);
                }
                result = "{\"status\":\"success\",\"login_id\":" + login.id + ",\"secret\":\"" + login.secret + "\"}";
            }
            return ApiReply.redirect(token.callbackUrl + "/" + URLEncoder.encode(result, StandardCharsets.UTF_8));
        }
    }

    // ------------------------------------------------------------------ data

    private TransactionGenerator generator(SandboxService service) {
        return new TransactionGenerator(service.countryCode(), service.currency());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(config.clock().instant(), ZoneOffset.UTC);
    }

    private Login newLogin(String customerId, SandboxService service, String username, boolean generatedHistory) {
        long loginId = state.nextLoginId++;
        Login login = new Login(loginId, UUID.randomUUID().toString(), customerId, service, username);
        SplittableRandom random = new SplittableRandom(TransactionGenerator.mix(config.seed(), loginId));
        TransactionGenerator generator = generator(service);
        LocalDate yesterday = today().minusDays(1);
        if (username.equals(USER_MANY)) {
            Account account = newAccount(login, "current", service.name() + " current account",
                    generator.balance(random, "current"), service.currency());
            account.many = new ManyTransactions(account.id, config.manyTransactions(), today(), config.seed(),
                    service.slug(), generator);
        } else {
            String[][] kinds = {{"current", "current account"}, {"saving", "savings account"},
                {"credit_card", "credit card"}};
            for (String[] kind : kinds) {
                Account account = newAccount(login, kind[0], service.name() + " " + kind[1],
                        generator.balance(random, kind[0]), service.currency());
                if (generatedHistory) {
                    account.generatedUntil = yesterday;
                } else {
                    for (TransactionGenerator.Draft draft : generator.history(random, kind[0], yesterday)) {
                        addTransaction(account, draft);
                    }
                }
            }
        }
        state.logins.put(login.id, login);
        state.loginsBySecret.put(login.secret, login);
        return login;
    }

    private Account newAccount(Login login, String type, String name, String balance, String currency) {
        Account account = new Account(state.nextAccountId++, login, type, name, balance, currency);
        login.accounts.add(account);
        state.accounts.put(account.id, account);
        return account;
    }

    private SandboxTransaction addTransaction(Account account, TransactionGenerator.Draft draft) {
        SandboxTransaction t = new SandboxTransaction(state.nextTransactionId++, account.id, draft.date(),
                draft.amount(), account.currency, draft.description(), draft.category());
        account.transactions.add(t);
        state.accountOfTransaction.put(t.id(), account);
        return t;
    }

    private List<SandboxTransaction> addToAccount(Account account, int count, SplittableRandom random) {
        List<SandboxTransaction> list = changeable(account);
        TransactionGenerator generator = generator(account.login.service);
        LocalDate today = today();
        List<SandboxTransaction> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            added.add(addTransaction(account, generator.spending(random, today)));
        }
        list.sort(Comparator.comparing(SandboxTransaction::date).thenComparingLong(SandboxTransaction::id));
        return added;
    }

    /** An account's transactions as they stand, oldest first; a bulk account's are generated, not stored. */
    private List<SandboxTransaction> current(Account account) {
        return account.generatedUntil == null ? account.transactions : generatedHistory(account);
    }

    /** The stored list of an account, to change it: a bulk account's generated history is stored first. */
    private List<SandboxTransaction> changeable(Account account) {
        if (account.generatedUntil != null) {
            for (SandboxTransaction t : generatedHistory(account)) {
                account.transactions.add(t);
                state.accountOfTransaction.put(t.id(), account);
            }
            account.generatedUntil = null;
        }
        return account.transactions;
    }

    /** Ids are {@code accountId * ID_STRIDE + index}, as user_many's: known without storing anything. */
    private List<SandboxTransaction> generatedHistory(Account account) {
        SplittableRandom random = new SplittableRandom(
                TransactionGenerator.mix(config.seed(), account.id, BULK_HISTORY));
        List<TransactionGenerator.Draft> drafts = generator(account.login.service)
                .history(random, account.type, account.generatedUntil);
        List<SandboxTransaction> list = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            TransactionGenerator.Draft draft = drafts.get(i);
            list.add(new SandboxTransaction(account.id * ManyTransactions.ID_STRIDE + i, account.id, draft.date(),
                    draft.amount(), account.currency, draft.description(), draft.category()));
        }
        return list;
    }

    // ------------------------------------------------------------------ webhooks

    private void fireNewTransactions(Account account, int newCount) {
        ObjectNode event = Json.object();
        event.put("login_id", account.login.id);
        event.put("timestamp", config.clock().millis());
        event.putArray("accounts").addObject().put("id", account.id);
        event.put("new", newCount);
        event.put("referenceId", referenceId());
        webhooks.accept(Json.text(event));
    }

    private void fireLoginStatus(Login login) {
        ObjectNode event = Json.object();
        event.put("status", login.status);
        event.put("login_id", login.id);
        webhooks.accept(Json.text(event));
    }

    private static String referenceId() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        UUID uuid = UUID.randomUUID();
        StringBuilder sb = new StringBuilder();
        long bits = uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
        for (int i = 0; i < 12; i++) {
            sb.append(alphabet.charAt((int) Math.floorMod(bits, 62L)));
            bits = Long.divideUnsigned(bits, 62L);
            if (bits == 0) {
                bits = uuid.getLeastSignificantBits() >>> 1;
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ faults

    synchronized void injectFault(String type, int count, long delayMillis) {
        if (type == null || !FAULT_TYPES.contains(type)) {
            throw new IllegalArgumentException("Unknown fault type '" + type + "'; one of " + FAULT_TYPES);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (delayMillis < 0 || (type.equals("delay") && delayMillis == 0)) {
            throw new IllegalArgumentException("delay_ms must be positive for a delay fault");
        }
        faults.addLast(new FaultSpec(type, new int[] {count}, delayMillis));
    }

    synchronized void clearFaults() {
        faults.clear();
    }

    private synchronized FaultSpec takeFault() {
        FaultSpec head = faults.peekFirst();
        if (head == null) {
            return null;
        }
        if (--head.remaining()[0] <= 0) {
            faults.removeFirst();
        }
        return head;
    }

    // ------------------------------------------------------------------ Java and admin operations

    synchronized SandboxLogin createLogin(String username, int serviceId, boolean failOnRefresh) {
        SandboxService service = connectableService(username, serviceId, failOnRefresh);
        String failing = FAILING_USERS.get(username);
        Login login = newLogin(newCustomer(nextIdentifier()).id, service, failing == null ? username : USER_GOOD,
                false);
        login.failOnRefreshStatus = failing;
        return toSandboxLogin(login);
    }

    /** {@code count} logins as {@link #createLogin} makes them, but with generated histories (see Account). */
    synchronized List<SandboxLogin> createLogins(String username, int count, int serviceId) {
        if (count < 1 || count > MAX_BULK_LOGINS) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_BULK_LOGINS);
        }
        SandboxService service = connectableService(username, serviceId, false);
        List<SandboxLogin> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            created.add(toSandboxLogin(newLogin(newCustomer(nextIdentifier()).id, service, username, true)));
        }
        return created;
    }

    /** The service to connect {@code username} to; throws as a failing connect would. */
    private static SandboxService connectableService(String username, int serviceId, boolean failOnRefresh) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username is required");
        }
        SandboxService service = SandboxService.byId(serviceId)
                .orElseThrow(() -> new NoSuchElementException("No service with id " + serviceId));
        String failing = FAILING_USERS.get(username);
        if (failing != null && !failOnRefresh) {
            throw new IllegalStateException("Connect of '" + username + "' fails with status " + failing);
        }
        if (failing == null && !GOOD_USERS.contains(username)) {
            throw new IllegalStateException("Connect of unknown username '" + username
                    + "' fails with status login_wrong_credentials");
        }
        return service;
    }

    private String nextIdentifier() {
        String identifier = "sandbox-customer-" + state.nextCustomerNumber++;
        while (state.customersByIdentifier.containsKey(identifier)) {
            identifier = "sandbox-customer-" + state.nextCustomerNumber++;
        }
        return identifier;
    }

    private SandboxLogin toSandboxLogin(Login login) {
        return new SandboxLogin(login.id, login.secret, login.customerId,
                login.accounts.stream().map(a -> a.id).toList());
    }

    synchronized List<SandboxTransaction> addTransactions(long accountId, int count) {
        Account account = storedAccount(accountId);
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("count must be between 1 and 10000");
        }
        SplittableRandom random = new SplittableRandom(
                TransactionGenerator.mix(config.seed(), accountId, state.nextTransactionId));
        List<SandboxTransaction> added = addToAccount(account, count, random);
        fireNewTransactions(account, count);
        return added;
    }

    synchronized SandboxTransaction updateTransaction(long transactionId, String amount, String description) {
        Account account = accountOfTransaction(transactionId);
        if (amount == null && description == null) {
            throw new IllegalArgumentException("amount or description is required");
        }
        String normalized = null;
        if (amount != null) {
            if (!AMOUNT.matcher(amount.trim()).matches()) {
                throw new IllegalArgumentException("amount must be a decimal string such as \"-61299.00\"");
            }
            normalized = new BigDecimal(amount.trim()).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        }
        if (description != null && description.isBlank()) {
            throw new IllegalArgumentException("description must not be blank");
        }
        List<SandboxTransaction> list = changeable(account);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id() == transactionId) {
                SandboxTransaction updated = list.get(i).withAmountAndDescription(normalized, description);
                list.set(i, updated);
                fireNewTransactions(account, 0);
                return updated;
            }
        }
        throw new NoSuchElementException("No transaction with id " + transactionId);
    }

    synchronized SandboxTransaction removeTransaction(long transactionId) {
        Account account = accountOfTransaction(transactionId);
        List<SandboxTransaction> list = changeable(account);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id() == transactionId) {
                SandboxTransaction removed = list.remove(i);
                state.accountOfTransaction.remove(transactionId);
                fireNewTransactions(account, 0);
                return removed;
            }
        }
        throw new NoSuchElementException("No transaction with id " + transactionId);
    }

    synchronized List<SandboxTransaction> transactions(long accountId) {
        return List.copyOf(current(storedAccount(accountId)));
    }

    synchronized void setLoginStatus(long loginId, String status) {
        Login login = state.logins.get(loginId);
        if (login == null) {
            throw new NoSuchElementException("No login with id " + loginId);
        }
        if (status == null || status.isBlank()) {
            throw new IllegalArgumentException("status is required");
        }
        if (status.equals("ok")) {
            login.status = null;
            return;
        }
        login.status = status;
        fireLoginStatus(login);
    }

    synchronized void reset() {
        state = new State();
        faults.clear();
    }

    private Account storedAccount(long accountId) {
        Account account = state.accounts.get(accountId);
        if (account == null) {
            throw new NoSuchElementException("No account with id " + accountId);
        }
        if (account.many != null) {
            throw new UnsupportedOperationException("Account " + accountId + " is user_many's: its "
                    + account.many.count() + " transactions are generated while they stream out and are not stored;"
                    + " read them with GET /v2/transaction");
        }
        return account;
    }

    /** The account a transaction is in; for a bulk account's generated one, the account its id names. */
    private Account accountOfTransaction(long transactionId) {
        Account account = state.accountOfTransaction.get(transactionId);
        if (account == null) {
            Account named = state.accounts.get(transactionId / ManyTransactions.ID_STRIDE);
            account = named != null && named.generatedUntil != null ? named : null;
        }
        if (account == null) {
            throw new NoSuchElementException("No transaction with id " + transactionId);
        }
        return account;
    }

    // ------------------------------------------------------------------ admin HTTP API

    private synchronized ApiReply admin(ApiRequest request) {
        String method = request.method();
        String path = request.path();
        try {
            if (!method.equals("GET") && !method.equals("DELETE") && !request.body().isBlank()
                    && !isJson(request.header("content-type"))) {
                throw new IllegalArgumentException("Send JSON with content-type application/json");
            }
            JsonNode body = method.equals("GET") || method.equals("DELETE") ? Json.object() : adminBody(request);
            Matcher m;
            if (path.equals("/sandbox/logins") && method.equals("POST")) {
                String username = body.path("username").asText(null);
                int serviceId = body.path("service_id").asInt(DEFAULT_SERVICE_ID);
                boolean failOnRefresh = body.path("fail_on_refresh").asBoolean(false);
                return ApiReply.json(201, Json.login(createLogin(username, serviceId, failOnRefresh)));
            }
            if (path.equals("/sandbox/logins/bulk") && method.equals("POST")) {
                JsonNode count = body.get("count");
                if (count == null || !count.canConvertToInt()) {
                    throw new IllegalArgumentException("count is required: how many logins, 1 to " + MAX_BULK_LOGINS);
                }
                return ApiReply.json(201, Json.logins(createLogins(body.path("username").asText(null),
                        count.intValue(), body.path("service_id").asInt(DEFAULT_SERVICE_ID))));
            }
            if ((m = ADMIN_ACCOUNT_TXNS.matcher(path)).matches()) {
                long accountId = Long.parseLong(m.group(1));
                if (method.equals("POST")) {
                    JsonNode countNode = body.get("count");
                    int count = countNode == null ? 1 : countNode.asInt(0);
                    return ApiReply.json(201, transactionsNode(addTransactions(accountId, count)));
                }
                if (method.equals("GET")) {
                    return ApiReply.json(200, transactionsNode(transactions(accountId)));
                }
            }
            if ((m = ADMIN_TXN.matcher(path)).matches()) {
                long transactionId = Long.parseLong(m.group(1));
                if (method.equals("PUT")) {
                    return ApiReply.json(200, adminTransaction(updateTransaction(transactionId,
                            body.hasNonNull("amount") ? body.get("amount").asText() : null,
                            body.hasNonNull("description") ? body.get("description").asText() : null)));
                }
                if (method.equals("DELETE")) {
                    return ApiReply.json(200, adminTransaction(removeTransaction(transactionId)));
                }
            }
            if ((m = ADMIN_LOGIN_STATUS.matcher(path)).matches() && method.equals("PUT")) {
                long loginId = Long.parseLong(m.group(1));
                String status = body.path("status").asText(null);
                setLoginStatus(loginId, status);
                ObjectNode node = Json.object();
                node.put("login_id", loginId);
                node.put("status", status);
                return ApiReply.json(200, node);
            }
            if (path.equals("/sandbox/webhooks") && method.equals("POST")) {
                if (request.body().isBlank()) {
                    throw new IllegalArgumentException("Send the JSON to post as the body");
                }
                webhooks.accept(Json.text(body));
                ObjectNode node = Json.object();
                node.put("queued", true);
                return ApiReply.json(202, node);
            }
            if (path.equals("/sandbox/faults")) {
                if (method.equals("POST")) {
                    String type = body.path("type").asText(null);
                    int count = body.path("count").asInt(1);
                    long delay = body.path("delay_ms").asLong(0);
                    injectFault(type, count, delay);
                    ObjectNode node = Json.object();
                    node.put("type", type);
                    node.put("count", count);
                    node.put("delay_ms", delay);
                    return ApiReply.json(201, node);
                }
                if (method.equals("DELETE")) {
                    clearFaults();
                    return ApiReply.noContent();
                }
            }
            if (path.equals("/sandbox/reset") && method.equals("POST")) {
                reset();
                ObjectNode node = Json.object();
                node.put("reset", true);
                return ApiReply.json(200, node);
            }
            return adminError(404, "NotFound", "No admin endpoint " + method + " " + path);
        } catch (NoSuchElementException e) {
            return adminError(404, "NotFound", e.getMessage());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return adminError(400, "BadRequest", e.getMessage());
        } catch (IllegalStateException e) {
            return adminError(400, "ConnectFailed", e.getMessage());
        }
    }

    private static JsonNode adminBody(ApiRequest request) {
        if (request.body().isBlank()) {
            return Json.object();
        }
        JsonNode node = Json.parse(request.body());
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("The body is not a JSON object");
        }
        return node;
    }

    private static ApiReply adminError(int status, String error, String message) {
        ObjectNode node = Json.object();
        node.put("error", error);
        node.put("message", message);
        return ApiReply.json(status, node);
    }

    private ArrayNode transactionsNode(List<SandboxTransaction> transactions) {
        ArrayNode list = Json.array();
        transactions.forEach(t -> list.add(adminTransaction(t)));
        return list;
    }

    private ObjectNode adminTransaction(SandboxTransaction t) {
        Account account = state.accounts.get(t.accountId());
        ObjectNode node = Json.transaction(t,
                TransactionGenerator.originalId(account.login.service.slug(), config.seed(), t.id()));
        node.put("account_id", t.accountId());
        return node;
    }
}
