package io.github.camelfinsify.sandbox;

/** The HTML of the connect page: a bank-style login form for the token's service, and its error page. */
final class ConnectPage {

    private ConnectPage() {
    }

    static String form(SandboxService service, String action) {
        String name = escape(service.name());
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Connect %1$s - Finsify Hub sandbox</title>
                  <style>
                    body { font-family: sans-serif; background: #f4f5f7; margin: 0; }
                    .card { max-width: 360px; margin: 48px auto; background: #fff; border-radius: 8px;
                            box-shadow: 0 1px 4px rgba(0,0,0,.15); overflow: hidden; }
                    .brand { background: #%2$s; color: #fff; padding: 20px 24px; font-size: 20px; }
                    form { padding: 24px; }
                    label { display: block; margin: 12px 0 4px; font-size: 14px; }
                    input { width: 100%%; box-sizing: border-box; padding: 8px; font-size: 15px; }
                    button { margin-top: 20px; width: 100%%; padding: 10px; font-size: 15px;
                             background: #%2$s; color: #fff; border: 0; border-radius: 4px; }
                    .hint { color: #666; font-size: 12px; padding: 0 24px 20px; }
                  </style>
                </head>
                <body>
                  <div class="card">
                    <div class="brand" id="service-name">%1$s</div>
                    <form method="post" action="%3$s">
                      <label for="username">Username</label>
                      <input id="username" name="username" type="text" autocomplete="off" required>
                      <label for="password">Password</label>
                      <input id="password" name="password" type="password" autocomplete="off" required>
                      <button id="submit" type="submit">Connect to %1$s</button>
                    </form>
                    <p class="hint">Finsify sandbox: username user_good, user_many or user_updates with password
                      pass_good connects; wrong_credentials, password_expired and account_locked fail.</p>
                  </div>
                </body>
                </html>
                """.formatted(name, escape(service.primaryColor()), escape(action));
    }

    static String error(String error, String message) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>%1$s - Finsify Hub sandbox</title></head>
                <body>
                  <h1 id="error">%1$s</h1>
                  <p id="message">%2$s</p>
                </body>
                </html>
                """.formatted(escape(error), escape(message));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
