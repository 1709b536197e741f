package io.troupe.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.storage.EventStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the ingest decoders through the port: valid Amplitude, Identify and Segment bodies, mutated
 * byte-wise (truncated, bytes flipped, ranges cut or repeated) or structurally (a random node replaced by a random
 * JSON value). Every answer must be 200 or 4xx, never 5xx; a refused request must change nothing in the store.
 * The seed is printed; replay with {@code -Dtroupe.test.seed=...}.
 */
class IngestFuzzTest {
    private static final int CASES = 600;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] KEYS = {"event_type", "user_id", "device_id", "insert_id", "time", "groups",
        "event_properties", "user_properties", "group_properties", "$set", "$setOnce", "$add", "$unset", "$append",
        "org_id", "team_id", "type", "event", "userId", "anonymousId", "traits", "groupId", "timestamp", "messageId",
        "properties", "context", "integrations", "batch", "api_key", "events", "options", "min_id_length", "x"};
    private static final String[] STRINGS = {"", "$identify", "$groupidentify", "track", "identify", "group", "page",
        "alias", "org_id", "$bad", "2026-01-05T09:00:00Z", "not a time", "u", "user-fuzz-1", "\u0000\u0001", "\uD83D\uDE00",
        "x".repeat(300), "1767225600000"};

    @TempDir
    Path data;

    /** What a refused request must leave unchanged. */
    private record Fingerprint(long rows, int users, long groupChanges, int groupTypes) {
        static Fingerprint of(EventStore store) {
            return new Fingerprint(store.rowCount(), store.users().size(), store.groupHistory().size(),
                    store.catalog().state().groupTypes().size());
        }
    }

    @Test
    void mutatedBodiesGetOnly200Or4xxAndRefusedOnesStoreNothing() throws Exception {
        long seed = IngestTestSupport.seed("IngestFuzzTest");
        Random random = new Random(seed);
        int[] byStatusClass = new int[6];
        try (IngestTestSupport s = IngestTestSupport.start(data)) {
            EventStore store = s.project().store();
            String key = s.apiKey();
            for (int i = 0; i < CASES; i++) {
                int kind = random.nextInt(4);
                String path;
                String contentType;
                String body;
                String[] headers = {};
                switch (kind) {
                    case 0 -> {
                        path = "/2/httpapi";
                        contentType = "application/json";
                        body = mutate(amplitude(key, i), random);
                    }
                    case 1 -> {
                        path = "/v1/batch";
                        contentType = "application/json";
                        body = mutate(segment(i), random);
                        headers = new String[] {"Authorization", "Basic " + java.util.Base64.getEncoder()
                                .encodeToString((key + ":").getBytes(StandardCharsets.UTF_8))};
                    }
                    case 2 -> {
                        path = "/identify";
                        contentType = "application/x-www-form-urlencoded";
                        body = "api_key=" + key + "&identification=" + URLEncoder.encode(mutate(
                                "[{\"user_id\":\"user-fz-" + i + "\",\"user_properties\":{\"$set\":{\"plan\":\"pro\"}},"
                                        + "\"groups\":{\"org_id\":\"o" + i % 7 + "\"}}]", random), StandardCharsets.UTF_8);
                    }
                    default -> {
                        path = "/groupidentify";
                        contentType = "application/x-www-form-urlencoded";
                        body = "api_key=" + key + "&identification=" + URLEncoder.encode(mutate(
                                "{\"group_type\":\"org_id\",\"group_value\":\"o" + i % 7 + "\",\"group_properties\":"
                                        + "{\"$add\":{\"seats\":1},\"$set\":{\"plan\":\"x\"}}}", random), StandardCharsets.UTF_8);
                    }
                }
                Fingerprint before = Fingerprint.of(store);
                IngestTestSupport.Answer answer = s.post(path, contentType, body, headers);
                byStatusClass[answer.status() / 100]++;
                String context = "seed " + seed + ", case " + i + ", " + path + " body " + abbreviate(body) + " -> " + answer;
                if (answer.status() >= 500 || answer.status() < 200 || (answer.status() >= 300 && answer.status() < 400)) {
                    fail("not 200 or 4xx: " + context);
                }
                if (answer.status() != 200) {
                    assertEquals(before, Fingerprint.of(store), "a refused request changed the store: " + context);
                    if (answer.header("content-type").startsWith("application/json")) {
                        assertTrue(answer.json().has("troupe_error"), context);
                    }
                }
            }
        }
        System.out.printf("IngestFuzzTest: %d cases, %d answered 200, %d 4xx%n", CASES, byStatusClass[2], byStatusClass[4]);
        assertTrue(byStatusClass[2] > CASES / 20, "too few mutated requests were accepted: the fuzzing is too coarse");
        assertTrue(byStatusClass[4] > CASES / 4, "too few mutated requests were refused: the fuzzing is too gentle");
    }

    private static String amplitude(String key, int i) {
        return "{\"api_key\":\"" + key + "\",\"events\":["
                + "{\"event_type\":\"Open App\",\"user_id\":\"user-fz-" + i + "\",\"insert_id\":\"fz-" + i + "-0\","
                + "\"time\":1767225600000,\"groups\":{\"org_id\":\"o" + i % 7 + "\"},\"event_properties\":{\"n\":" + i + "}},"
                + "{\"event_type\":\"$identify\",\"user_id\":\"user-fz-" + i + "\",\"user_properties\":"
                + "{\"$set\":{\"org_id\":\"o" + i % 5 + "\",\"role\":\"admin\"}}},"
                + "{\"event_type\":\"$groupidentify\",\"groups\":{\"org_id\":\"o" + i % 7 + "\"},"
                + "\"group_properties\":{\"$set\":{\"plan\":\"pro\"}}},"
                + "{\"event_type\":\"Share\",\"device_id\":\"device-fz-" + i + "\",\"insert_id\":\"fz-" + i + "-3\"}"
                + "],\"options\":{\"min_id_length\":3}}";
    }

    private static String segment(int i) {
        return "{\"batch\":["
                + "{\"type\":\"track\",\"event\":\"Open App\",\"userId\":\"seg-fz-" + i + "\",\"messageId\":\"sfz-" + i + "-0\","
                + "\"timestamp\":\"2026-01-05T09:00:00.000Z\",\"properties\":{\"a\":[1,2]},\"context\":{\"groupId\":\"g" + i % 3 + "\"}},"
                + "{\"type\":\"identify\",\"userId\":\"seg-fz-" + i + "\",\"traits\":{\"plan\":\"free\"}},"
                + "{\"type\":\"group\",\"userId\":\"seg-fz-" + i + "\",\"groupId\":\"g" + i % 3 + "\",\"traits\":{\"name\":\"n\"}},"
                + "{\"type\":\"page\",\"anonymousId\":\"anon-fz-" + i + "\",\"name\":\"Home\"}"
                + "]}";
    }

    private static String mutate(String text, Random random) throws Exception {
        if (random.nextInt(10) == 0) {
            return text; // some valid requests, so the accepted path runs between mutated ones
        }
        if (random.nextBoolean()) {
            return mutateBytes(text, random);
        }
        JsonNode root = IngestTestSupport.JSON.readTree(text);
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            ContainerNode<?> target = (ContainerNode<?>) containers.get(random.nextInt(containers.size()));
            if (target instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                if (names.isEmpty() || random.nextInt(4) == 0) {
                    object.set(KEYS[random.nextInt(KEYS.length)], randomValue(random, 3));
                } else if (random.nextInt(5) == 0) {
                    object.remove(names.get(random.nextInt(names.size())));
                } else {
                    object.set(names.get(random.nextInt(names.size())), randomValue(random, 3));
                }
            } else if (target instanceof ArrayNode array) {
                if (array.isEmpty() || random.nextInt(3) == 0) {
                    array.add(randomValue(random, 3));
                } else {
                    array.set(random.nextInt(array.size()), randomValue(random, 3));
                }
            }
        }
        return IngestTestSupport.JSON.writeValueAsString(root);
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), into);
            }
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        int pick = random.nextInt(depth > 0 ? 9 : 6);
        return switch (pick) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(switch (random.nextInt(5)) {
                case 0 -> Long.MAX_VALUE;
                case 1 -> -random.nextInt(1000);
                case 2 -> 1_767_225_600_000L + random.nextInt(1_000_000);
                case 3 -> 253_402_300_800_000L;
                default -> random.nextInt(10);
            });
            case 3 -> NODES.numberNode(random.nextInt(3) == 0 ? 1e300 : random.nextDouble() * 1e13);
            case 4, 5 -> NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
            case 6, 7 -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(KEYS[random.nextInt(KEYS.length)], randomValue(random, depth - 1));
                }
                yield object;
            }
            default -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                yield array;
            }
        };
    }

    private static String mutateBytes(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        switch (random.nextInt(5)) {
            case 0 -> out.setLength(random.nextInt(out.length())); // truncated
            case 1 -> { // a few characters replaced
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    String replacements = "{}[]\",:0a\\ -$\u00e9";
                    out.setCharAt(random.nextInt(out.length()), replacements.charAt(random.nextInt(replacements.length())));
                }
            }
            case 2 -> { // a range cut out
                int from = random.nextInt(out.length());
                out.delete(from, Math.min(out.length(), from + 1 + random.nextInt(40)));
            }
            case 3 -> { // a range repeated
                int from = random.nextInt(out.length());
                int to = Math.min(out.length(), from + 1 + random.nextInt(40));
                out.insert(to, out.substring(from, to));
            }
            default -> out.insert(random.nextInt(out.length()), "[".repeat(150)); // deep nesting
        }
        return out.toString();
    }

    private static String abbreviate(String body) {
        return body.length() <= 400 ? body : body.substring(0, 400) + "...(" + body.length() + " chars)";
    }
}
