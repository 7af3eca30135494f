package dev.posplan.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the posplan service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PosplanApplication {
    public static void main(String[] args) {
        SpringApplication.run(PosplanApplication.class, args);
    }
}
