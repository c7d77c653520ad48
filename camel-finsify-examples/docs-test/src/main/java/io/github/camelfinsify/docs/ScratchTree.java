package io.github.camelfinsify.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the shell blocks run: a copy of the repository without its {@code target/} directories, so that the builds
 * the docs show never touch the build that runs them, and a Maven local repository of its own.
 * <p>
 * The local repository links every entry of the outer build's local repository except this project's own group
 * ({@code io/github/camelfinsify}): third-party artifacts are read from (or downloaded into) the shared one as any
 * build would, while the SNAPSHOTs that the docs install land here only.
 * <p>
 * {@link #resetForPage()} gives each page the tree a reader has after a fresh clone: files that an earlier page
 * created or changed are removed or restored, only build outputs ({@code target/}) and the local repository stay, so
 * a page's own build commands run incrementally.
 */
public final class ScratchTree {

    private static final Set<String> NOT_COPIED = Set.of("target", ".git", ".idea", ".vscode", ".jqwik-database");
    private static final List<String> OWN_GROUP = List.of("io", "github", "camelfinsify");

    private final Path source;
    private final Path parent;
    private final Path tree;
    private final Path home;
    private final Path localRepository;
    private final Set<Path> files = new HashSet<>();

    public ScratchTree(Path source, Path workDir, Path outerLocalRepository) throws IOException {
        this.source = source.toRealPath();
        this.parent = workDir.resolve("pages");
        // named as a fresh clone would be
        this.tree = parent.resolve("camel-finsify");
        this.home = workDir.resolve("home");
        this.localRepository = workDir.resolve("m2");
        delete(workDir.resolve("pages"));
        delete(home);
        delete(localRepository);
        Files.createDirectories(tree);
        collectFiles(this.source, Path.of(""));
        copyFiles();
        linkRepository(outerLocalRepository, localRepository, OWN_GROUP);
    }

    /** The copy of the repository: where each page's shell starts. */
    public Path tree() {
        return tree;
    }

    /** The shell's {@code HOME}, emptied for each page. */
    public Path home() {
        return home;
    }

    /** The Maven local repository of the nested builds. */
    public Path localRepository() {
        return localRepository;
    }

    public void resetForPage() throws IOException {
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path sibling : siblings.toList()) {
                if (!sibling.equals(tree)) {
                    delete(sibling);
                }
            }
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName().toString().equals("target") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!files.contains(tree.relativize(file))) {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        copyFiles();
        delete(home);
        Files.createDirectories(home);
    }

    private void collectFiles(Path dir, Path relative) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (NOT_COPIED.contains(name) || name.endsWith(".iml") || name.endsWith(".log")) {
                    continue;
                }
                if (Files.isDirectory(entry)) {
                    collectFiles(entry, relative.resolve(name));
                } else {
                    files.add(relative.resolve(name));
                }
            }
        }
    }

    private void copyFiles() throws IOException {
        for (Path file : files) {
            Path target = tree.resolve(file);
            Files.createDirectories(target.getParent());
            // attributes kept: the nested builds see sources older than what they compiled before, and skip them
            Files.copy(source.resolve(file), target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static void linkRepository(Path from, Path to, List<String> excluded) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!excluded.isEmpty() && name.equals(excluded.get(0))) {
                    if (excluded.size() > 1) {
                        linkRepository(entry, to.resolve(name), excluded.subList(1, excluded.size()));
                    }
                } else {
                    Files.createSymbolicLink(to.resolve(name), entry.toAbsolutePath());
                }
            }
        }
    }

    static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            // symbolic links are deleted, never followed (the local repository links the shared one)
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
