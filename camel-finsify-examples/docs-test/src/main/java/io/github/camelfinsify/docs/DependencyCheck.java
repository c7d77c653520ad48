package io.github.camelfinsify.docs;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * An {@code xml} block without a file marker is a dependency snippet: it must be well-formed, and every dependency
 * on this project ({@code io.github.camelfinsify}) must name a module the repository builds, at its version. A whole
 * {@code pom.xml} needs a file marker, so that the page's shell builds it.
 */
final class DependencyCheck {

    private static final String OWN_GROUP = "io.github.camelfinsify";

    private final Map<String, String> modules = new HashMap<>();
    private final String version;

    DependencyCheck(Path repositoryRoot) throws IOException {
        for (Path pom : poms(repositoryRoot)) {
            Element project = parse(Files.readString(pom)).getDocumentElement();
            modules.put(child(project, "artifactId"), repositoryRoot.relativize(pom.getParent()).toString());
        }
        version = child(parse(Files.readString(repositoryRoot.resolve("pom.xml"))).getDocumentElement(), "version");
    }

    /** The pom.xml files of the repository's modules (the build's output directories are not walked). */
    private static List<Path> poms(Path root) throws IOException {
        List<Path> poms = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return name.equals("target") || name.startsWith(".") && !dir.equals(root) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.getFileName().toString().equals("pom.xml")) {
                    poms.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return poms;
    }

    String check(DocBlock block) {
        Element root = parse("<fragment>" + block.content() + "</fragment>").getDocumentElement();
        NodeList children = root.getElementsByTagName("*");
        if (children.getLength() > 0 && ((Element) children.item(0)).getTagName().equals("project")) {
            throw new IllegalArgumentException("a pom.xml needs a <!-- file: .../pom.xml --> marker so that the"
                                               + " page's shell builds it");
        }
        NodeList dependencies = root.getElementsByTagName("dependency");
        if (dependencies.getLength() == 0) {
            throw new IllegalArgumentException("an xml block is a <dependency> snippet or a project file (with a"
                                               + " file marker); this one is neither");
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String group = child(dependency, "groupId");
            String artifact = child(dependency, "artifactId");
            String declared = child(dependency, "version");
            if (group.isEmpty() || artifact.isEmpty()) {
                throw new IllegalArgumentException("a dependency needs groupId and artifactId");
            }
            if (group.equals(OWN_GROUP)) {
                String module = modules.get(artifact);
                if (module == null) {
                    throw new IllegalArgumentException(group + ":" + artifact + " is not built by this repository"
                                                       + " (its modules: " + modules.keySet() + ")");
                }
                if (!declared.equals(version)) {
                    throw new IllegalArgumentException(group + ":" + artifact + ":" + declared
                                                       + " is not the version this repository builds (" + version + ")");
                }
                checked.add(group + ":" + artifact + ":" + declared + " (module " + module + ")");
            } else {
                checked.add(group + ":" + artifact + (declared.isEmpty() ? "" : ":" + declared));
            }
        }
        return "well-formed; " + String.join(", ", checked);
    }

    private static String child(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return "";
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }
}
