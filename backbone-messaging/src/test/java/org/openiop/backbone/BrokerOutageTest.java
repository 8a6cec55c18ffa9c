package org.openiop.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openiop.backbone.kafka.KafkaBackboneConfiguration;
import org.openiop.backbone.outbox.OutboxRelay;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.events.SessionScheduled;
import org.openiop.events.serde.AvroEventDeserializer;
import org.openiop.testsupport.KafkaBrokerProcess;
import org.openiop.testsupport.TestInfrastructure;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The broker is killed (-9) while events are being committed, and started again later on the same port: every event
 * committed before, during and after the outage reaches the topic, and each client's events keep their order.
 */
class BrokerOutageTest {

    private static final Logger log = LoggerFactory.getLogger(BrokerOutageTest.class);
    private static final int CLIENTS = 10;
    private KafkaBrokerProcess broker;
    private HikariDataSource dataSource;
    private OutboxRelay relay;

    @AfterEach
    void tearDown() {
        if (relay != null) {
            relay.stop();
        }
        if (dataSource != null) {
            dataSource.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyEventCommittedWhileTheBrokerIsDownArrivesInOrderOnceItIsBack() throws Exception {
        broker = KafkaBrokerProcess.start();
        IopProperties properties = new IopProperties("outage.", new IopProperties.Topics(List.of(), 3, (short) 1),
                new IopProperties.Outbox(true, 200, Duration.ofSeconds(1), Duration.ofDays(1)),
                new IopProperties.Consumer(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)));
        String topic = properties.topic("iop.sessions.v1");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestInfrastructure.newDatabase());
        dataSource.setUsername(TestInfrastructure.postgresUser());
        dataSource.setPassword(TestInfrastructure.postgresPassword());
        dataSource.setSchema("outage");
        Flyway.configure().dataSource(dataSource).schemas("outage").locations("classpath:db/backbone").load().migrate();

        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(broker.bootstrapServers()));
        relay = new OutboxRelay(dataSource, () -> new KafkaBackboneConfiguration().outboxProducer(kafka), properties.outbox(),
                new SimpleMeterRegistry());
        relay.start();
        OutboxWriter outbox = new OutboxWriter(JdbcClient.create(dataSource), properties);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        Map<String, String> bookingByEventId = new HashMap<>();

        commit(outbox, transactions, 0, 100, bookingByEventId);
        broker.kill();
        commit(outbox, transactions, 100, 250, bookingByEventId);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        // Everything committed during the outage is waiting in the outbox, not lost, before the broker returns.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
                .sql("SELECT count(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single() >= 150);
        broker.restart();
        commit(outbox, transactions, 250, 400, bookingByEventId);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc
                .sql("SELECT count(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single() == 0);

        List<ConsumerRecord<String, byte[]>> records = KafkaProbe.readUntil(broker.bootstrapServers(), topic,
                r -> r.stream().map(x -> new String(x.headers().lastHeader("iop-event-id").value())).distinct()
                        .count() >= 400,
                Duration.ofSeconds(60));
        AvroEventDeserializer deserializer = new AvroEventDeserializer();
        Set<String> arrived = new HashSet<>();
        Map<String, List<Integer>> firstArrivalOrderByClient = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            SessionScheduled event = (SessionScheduled) deserializer.deserialize(topic, record.value());
            if (arrived.add(event.getEventId())) {
                firstArrivalOrderByClient.computeIfAbsent(event.getClientId(), k -> new ArrayList<>())
                        .add(Integer.parseInt(event.getBookingId()));
            }
        }
        assertThat(arrived).as("lost events").containsAll(bookingByEventId.keySet());
        firstArrivalOrderByClient.values().forEach(sequence -> assertThat(sequence).isSorted());
        log.info("broker outage: {} events committed, {} distinct arrived, {} records read (duplicates {})",
                bookingByEventId.size(), arrived.size(), records.size(), records.size() - arrived.size());
    }

    private static void commit(OutboxWriter outbox, TransactionTemplate transactions, int from, int to,
            Map<String, String> bookingByEventId) {
        for (int i = from; i < to; i++) {
            SessionScheduled event = TestEvents.scheduled("client-" + (i % CLIENTS), String.valueOf(i));
            transactions.executeWithoutResult(tx -> outbox.append(event));
            bookingByEventId.put(event.getEventId(), event.getBookingId());
        }
    }
}
