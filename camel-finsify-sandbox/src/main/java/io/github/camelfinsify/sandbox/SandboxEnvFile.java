package io.github.camelfinsify.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The standalone sandbox's {@code --env-file}: where it listens and what it accepts, as {@code NAME=value}
 * lines a shell can source ({@code . FILE}). It appears at once and complete (written aside, then moved), so
 * a script that waits for the file never reads half of it, and it is readable by its owner only (it holds
 * the credentials).
 */
final class SandboxEnvFile {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:/@%+=,-]*");

    private SandboxEnvFile() {
    }

    static void write(Path file, FinsifySandbox sandbox) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("FINSIFY_SANDBOX_PID", String.valueOf(ProcessHandle.current().pid()));
        values.put("FINSIFY_SANDBOX_HOST", sandbox.host());
        values.put("FINSIFY_SANDBOX_PORT", String.valueOf(sandbox.port()));
        values.put("FINSIFY_SANDBOX_BASE_URL", sandbox.baseUrl());
        values.put("FINSIFY_SANDBOX_SERVICES_URL", sandbox.servicesUrl());
        values.put("FINSIFY_SANDBOX_ADMIN_URL", sandbox.adminUrl());
        values.put("FINSIFY_SANDBOX_CLIENT_ID", sandbox.clientId());
        values.put("FINSIFY_SANDBOX_SERVICE_SECRET", sandbox.serviceSecret());
        values.put("FINSIFY_SANDBOX_APP_SECRET", sandbox.appSecret());
        if (sandbox.adminToken() != null) {
            values.put("FINSIFY_SANDBOX_ADMIN_TOKEN", sandbox.adminToken());
        }
        StringBuilder text = new StringBuilder("# Finsify sandbox: where it listens; source it with . FILE\n");
        values.forEach((name, value) -> text.append(name).append('=').append(shellValue(value)).append('\n'));

        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temporary = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(parent, ".finsify-sandbox", ".env",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(parent, ".finsify-sandbox", ".env");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the process is ending: a file left behind is all that can go wrong
        }
    }

    /** Plain values as they are; others single-quoted, so sourcing the file never runs anything. */
    private static String shellValue(String value) {
        return PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
