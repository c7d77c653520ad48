package io.github.camelfinsify.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that receives Finsify's webhooks on the servlet engine and reads a login's accounts.
 * Everything about Finsify is configured in {@code application.properties}.
 */
@SpringBootApplication
public class FinsifySpringBootApplication {

    public static void main(String[] args) {
        SpringApplication.run(FinsifySpringBootApplication.class, args);
    }
}
