package dev.posplan.spark;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for every test class of the module (starting one costs seconds). */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = PosplanSpark.session("posplan-spark-tests", "local[2]");
        }
        return session;
    }
}
