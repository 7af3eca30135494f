package dev.posplan.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the posplan service. */
@SpringBootApplication
public class PosplanApplication {
    public static void main(String[] args) {
        SpringApplication.run(PosplanApplication.class, args);
    }
}
