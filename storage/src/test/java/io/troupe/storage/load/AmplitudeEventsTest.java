package io.troupe.storage.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.GroupIdentify;
import io.troupe.storage.event.Identify;
import io.troupe.storage.event.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AmplitudeEventsTest {
    private static final long NOW = 1_767_607_200_000L; // 2026-01-05T10:00:00Z
    private final AmplitudeEvents events = AmplitudeEvents.forGroupTypes(Set.of("org_id", "account"));

    /** JSON with single quotes, for readable tests. */
    static JsonNode json(String singleQuoted) {
        try {
            return Json.MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Command map(String singleQuoted) {
        return events.toCommand(json(singleQuoted), 0, NOW);
    }

    private TroupeException refused(String singleQuoted) {
        return assertThrows(TroupeException.class, () -> map(singleQuoted));
    }

    @Test
    void mapsEveryFieldOfAnEvent() {
        Event event = (Event) map("{'event_type': 'Create Report', 'user_id': 'alice@example.com',"
                + " 'device_id': 'dev-12345', 'insert_id': 'ins-1', 'time': 1767607200123,"
                + " 'groups': {'org_id': '42', 'account': ['a-1', 'a-2']},"
                + " 'event_properties': {'report': 'funnel', 'charts': 3},"
                + " 'user_properties': {'plan': 'pro'}, 'platform': 'Web', 'session_id': 17}");
        assertEquals("Create Report", event.eventType());
        assertEquals("alice@example.com", event.userId());
        assertEquals("dev-12345", event.deviceId());
        assertEquals("ins-1", event.insertId());
        assertEquals(1_767_607_200_123L, event.time());
        assertEquals(Map.of("org_id", List.of("42"), "account", List.of("a-1", "a-2")), event.groups());
        assertEquals(json("{'report': 'funnel', 'charts': 3}"), event.eventProperties());
        assertEquals(json("{'plan': 'pro'}"), event.userProperties());
    }

    @Test
    void absentTimeIsNowAndOptionalFieldsMayBeAbsent() {
        Event event = (Event) map("{'event_type': 'Open App', 'device_id': 'dev-12345'}");
        assertEquals(NOW, event.time());
        assertNull(event.userId());
        assertNull(event.insertId());
        assertEquals(Map.of(), event.groups());
        assertTrue(event.eventProperties().isEmpty());
        assertEquals(NOW, ((Event) map("{'event_type': 'x', 'user_id': 'user-1', 'time': null}")).time());
    }

    @Test
    void acceptsTimeAsDigitsTextAndDropsFractions() {
        assertEquals(1_767_607_200_000L,
                ((Event) map("{'event_type': 'x', 'user_id': 'user-1', 'time': '1767607200000'}")).time());
        assertEquals(1_767_607_200_000L,
                ((Event) map("{'event_type': 'x', 'user_id': 'user-1', 'time': 1767607200000.7}")).time());
    }

    @Test
    void groupValuesMayBeStringsArraysOrNumbers() {
        Event event = (Event) map("{'event_type': 'x', 'user_id': 'user-1', 'groups': {'org_id': 42,"
                + " 'account': [7, 'b-2', 1.5], 'team': '', 'region': null, 'site': []}}");
        assertEquals(Map.of("org_id", List.of("42"), "account", List.of("7", "b-2", "1.5")), event.groups());
    }

    @Test
    void numericIdsBecomeStrings() {
        Event event = (Event) map("{'event_type': 'x', 'user_id': 1234567, 'insert_id': 99}");
        assertEquals("1234567", event.userId());
        assertEquals("99", event.insertId());
    }

    @Test
    void idsShorterThanTheMinimumAreRefused() {
        TroupeException e = refused("{'event_type': 'x', 'user_id': 'abcd'}");
        assertEquals(ErrorCode.INVALID_EVENT, e.errorCode());
        assertTrue(e.getMessage().contains("event 0, field 'user_id'"), e.getMessage());
        assertTrue(e.getMessage().contains("minimum 5"), e.getMessage());
        assertEquals(ErrorCode.INVALID_EVENT, refused("{'event_type': 'x', 'device_id': 'd1'}").errorCode());

        AmplitudeEvents lenient = events.withMinIdLength(2);
        assertEquals(2, lenient.minIdLength());
        assertEquals("ab", ((Event) lenient.toCommand(json("{'event_type': 'x', 'user_id': 'ab'}"), 0, NOW)).userId());
        assertThrows(TroupeException.class, () -> events.withMinIdLength(-1));
    }

    @Test
    void missingFieldsNameTheFieldAndTheEvent() {
        TroupeException noType = assertThrows(TroupeException.class,
                () -> events.toCommand(json("{'user_id': 'user-1'}"), 7, NOW));
        assertEquals(ErrorCode.MISSING_FIELD, noType.errorCode());
        assertEquals("Missing required field 'event_type' in event 7", noType.getMessage());

        TroupeException noIds = refused("{'event_type': 'x', 'user_id': '', 'device_id': null}");
        assertEquals(ErrorCode.MISSING_FIELD, noIds.errorCode());
        assertTrue(noIds.getMessage().contains("'user_id' in event 0: send a user_id or a device_id"), noIds.getMessage());
    }

    @Test
    void invalidTimesAreRefusedWithTheValue() {
        for (String time : List.of("'yesterday'", "-5", "true", "{}", "99999999999999999")) {
            TroupeException e = refused("{'event_type': 'x', 'user_id': 'user-1', 'time': " + time + "}");
            assertEquals(ErrorCode.INVALID_TIMESTAMP, e.errorCode(), time);
            assertTrue(e.getMessage().contains("in field 'time' of event 0"), e.getMessage());
        }
        assertEquals("Invalid event time \"yesterday\" in field 'time' of event 0: send milliseconds since"
                + " 1970-01-01 UTC", refused("{'event_type': 'x', 'user_id': 'user-1', 'time': 'yesterday'}").getMessage());
    }

    @Test
    void invalidFieldTypesAreRefused() {
        assertEquals(ErrorCode.INVALID_EVENT, refused("{'event_type': 12, 'user_id': 'user-1'}").errorCode());
        assertEquals(ErrorCode.INVALID_EVENT, refused("{'event_type': 'x', 'user_id': ['user-1']}").errorCode());
        assertEquals(ErrorCode.INVALID_EVENT,
                refused("{'event_type': 'x', 'user_id': 'user-1', 'event_properties': [1]}").errorCode());
        TroupeException group = refused("{'event_type': 'x', 'user_id': 'user-1', 'groups': {'org_id': {'id': 1}}}");
        assertEquals(ErrorCode.INVALID_EVENT, group.errorCode());
        assertTrue(group.getMessage().contains("'org_id': a group value must be a string"), group.getMessage());
        assertEquals(ErrorCode.INVALID_EVENT,
                refused("{'event_type': 'x', 'user_id': 'user-1', 'groups': ['org_id']}").errorCode());
        TroupeException notObject = assertThrows(TroupeException.class, () -> events.toCommand(json("[1]"), 3, NOW));
        assertEquals("Invalid event: event 3: must be a JSON object, got an array", notObject.getMessage());
    }

    @Test
    void propertyOperationsMustNotMixWithPlainProperties() {
        TroupeException mixed = refused("{'event_type': 'x', 'user_id': 'user-1',"
                + " 'user_properties': {'$set': {'a': 1}, 'plan': 'pro'}}");
        assertEquals(ErrorCode.INVALID_PROPERTY_OPERATION, mixed.errorCode());
        TroupeException unknown = refused("{'event_type': 'x', 'user_id': 'user-1',"
                + " 'user_properties': {'$explode': {'a': 1}}}");
        assertTrue(unknown.getMessage().contains("unknown operation '$explode'"), unknown.getMessage());
        assertEquals(ErrorCode.INVALID_PROPERTY_OPERATION, refused("{'event_type': 'x', 'user_id': 'user-1',"
                + " 'user_properties': {'$set': 5}}").errorCode());
    }

    @Test
    void identifyAssignsUserLevelGroupsFromGroupsAndFromSet() {
        Identify identify = (Identify) map("{'event_type': '$identify', 'user_id': 'alice', 'time': 1767607200000,"
                + " 'groups': {'account': 'acme'},"
                + " 'user_properties': {'$set': {'org_id': 42, 'plan': 'pro'}, '$add': {'logins': 1}}}");
        assertEquals("alice", identify.userId());
        assertEquals(1_767_607_200_000L, identify.time());
        assertEquals(Map.of("account", List.of("acme"), "org_id", List.of("42")), identify.groups());
        assertEquals(json("{'$set': {'org_id': 42, 'plan': 'pro'}, '$add': {'logins': 1}}"),
                identify.propertyOperations());
    }

    @Test
    void identifyGroupsWinOverSetAndPlainPropertiesMeanSet() {
        Identify identify = (Identify) map("{'event_type': '$identify', 'user_id': 'alice',"
                + " 'groups': {'org_id': ['7', '8']}, 'user_properties': {'org_id': '9', 'account': 'acme'}}");
        assertEquals(Map.of("org_id", List.of("7", "8"), "account", List.of("acme")), identify.groups());
        assertEquals(NOW, identify.time());
    }

    @Test
    void identifyCannotUnsetAUserLevelGroup() {
        TroupeException unset = refused("{'event_type': '$identify', 'user_id': 'alice',"
                + " 'user_properties': {'$unset': {'org_id': '-'}}}");
        assertEquals(ErrorCode.INVALID_PROPERTY_OPERATION, unset.errorCode());
        assertTrue(unset.getMessage().contains("$unset of group type 'org_id'"), unset.getMessage());
        assertEquals(ErrorCode.INVALID_EVENT,
                refused("{'event_type': '$identify', 'user_id': 'alice', 'groups': {'org_id': null}}").errorCode());
        assertEquals(ErrorCode.INVALID_EVENT, refused("{'event_type': '$identify', 'user_id': 'alice',"
                + " 'user_properties': {'$set': {'org_id': null}}}").errorCode());
        // $unset of an ordinary user property is fine, and so is $clearAll (groups are not properties)
        assertInstanceOf(Identify.class, map("{'event_type': '$identify', 'user_id': 'alice',"
                + " 'user_properties': {'$unset': {'plan': '-'}}}"));
        assertInstanceOf(Identify.class, map("{'event_type': '$identify', 'user_id': 'alice',"
                + " 'user_properties': {'$clearAll': '-'}}"));
    }

    @Test
    void identifyNeedsAUserId() {
        TroupeException e = refused("{'event_type': '$identify', 'device_id': 'dev-12345'}");
        assertEquals(ErrorCode.MISSING_FIELD, e.errorCode());
        assertTrue(e.getMessage().contains("'user_id' in event 0: an $identify needs a user_id"), e.getMessage());
    }

    @Test
    void groupIdentifyChangesOneGroup() {
        GroupIdentify identify = (GroupIdentify) map("{'event_type': '$groupidentify', 'time': 1767607200000,"
                + " 'groups': {'org_id': 42}, 'group_properties': {'$set': {'plan': 'enterprise'}}}");
        assertEquals("org_id", identify.groupType());
        assertEquals("42", identify.groupValue());
        assertEquals(1_767_607_200_000L, identify.time());
        assertEquals(json("{'$set': {'plan': 'enterprise'}}"), identify.propertyOperations());

        GroupIdentify array = (GroupIdentify) map("{'event_type': '$groupidentify', 'groups': {'org_id': ['42']}}");
        assertEquals("42", array.groupValue());
        assertTrue(array.propertyOperations().isEmpty());
    }

    @Test
    void groupIdentifyNamesExactlyOneGroup() {
        assertEquals(ErrorCode.MISSING_FIELD, refused("{'event_type': '$groupidentify'}").errorCode());
        assertEquals(ErrorCode.INVALID_EVENT, refused("{'event_type': '$groupidentify',"
                + " 'groups': {'org_id': '1', 'account': '2'}}").errorCode());
        assertEquals(ErrorCode.INVALID_EVENT,
                refused("{'event_type': '$groupidentify', 'groups': {'org_id': ['1', '2']}}").errorCode());
        assertEquals(ErrorCode.INVALID_PROPERTY_OPERATION, refused("{'event_type': '$groupidentify',"
                + " 'groups': {'org_id': '1'}, 'group_properties': {'$set': {'a': 1}, 'b': 2}}").errorCode());
    }

    @Test
    void batchMapsInOrder() {
        List<Command> commands = events.toCommands(json("[{'event_type': 'a', 'user_id': 'user-1'},"
                + " {'event_type': '$identify', 'user_id': 'user-1', 'groups': {'org_id': '1'}},"
                + " {'event_type': '$groupidentify', 'groups': {'org_id': '1'}}]"), NOW);
        assertEquals(3, commands.size());
        assertInstanceOf(Event.class, commands.get(0));
        assertInstanceOf(Identify.class, commands.get(1));
        assertInstanceOf(GroupIdentify.class, commands.get(2));
        assertEquals(List.of(), events.toCommands(json("[]"), NOW));
    }

    @Test
    void batchReportsEveryInvalidEventByField() {
        InvalidEventsException e = assertThrows(InvalidEventsException.class, () -> events.toCommands(json("["
                + "{'event_type': 'ok', 'user_id': 'user-1'},"                          // 0 fine
                + "{'user_id': 'user-1'},"                                                // 1 no event_type
                + "{'event_type': 'x', 'user_id': 'user-1', 'time': 'soon'},"            // 2 bad time
                + "{'device_id': 'd1', 'time': -1},"                                      // 3 no type, short id, bad time
                + "{'event_type': 'x'},"                                                  // 4 no ids
                + "'not an event'"                                                        // 5 not an object
                + "]"), NOW));
        assertEquals(ErrorCode.INVALID_EVENTS, e.errorCode());
        assertEquals(6, e.eventCount());
        assertTrue(e.getMessage().startsWith("5 of 6 events are invalid, none was stored: "
                + "Missing required field 'event_type' in event 1; "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; and 4 more"), e.getMessage());
        assertEquals(Map.of("event_type", List.of(1, 3), "user_id", List.of(4)), e.missingFields());
        assertEquals(Map.of("time", List.of(2, 3), "event", List.of(5)), e.invalidFields());
        assertEquals(Map.of("device_id", List.of(3)), e.invalidIdLengths());
        JsonNode body = e.toAmplitudeBody();
        assertEquals(400, body.get("code").intValue());
        assertEquals(e.getMessage(), body.get("error").textValue());
        assertEquals(json("{'event_type': [1, 3], 'user_id': [4]}"), body.get("events_with_missing_fields"));
        assertEquals(json("{'time': [2, 3], 'event': [5]}"), body.get("events_with_invalid_fields"));
        assertEquals(json("{'device_id': [3]}"), body.get("events_with_invalid_id_lengths"));
        assertEquals(7, e.problems().size());
        assertSame(ErrorCode.INVALID_TIMESTAMP, e.problems().get(1).toException().errorCode());
    }

    @Test
    void batchMustBeAnArray() {
        assertEquals(ErrorCode.INVALID_EVENT,
                assertThrows(TroupeException.class, () -> events.toCommands(json("{}"), NOW)).errorCode());
        assertEquals(ErrorCode.MISSING_FIELD,
                assertThrows(TroupeException.class, () -> events.toCommands(null, NOW)).errorCode());
    }

    @Test
    void groupTypesMayFollowALiveCatalog() {
        Set<String> live = new java.util.HashSet<>();
        AmplitudeEvents mapper = new AmplitudeEvents(live::contains, 5);
        String identify = "{'event_type': '$identify', 'user_id': 'alice', 'user_properties': {'team': 'red'}}";
        assertEquals(Map.of(), ((Identify) mapper.toCommand(json(identify), 0, NOW)).groups());
        live.add("team");
        assertEquals(Map.of("team", List.of("red")), ((Identify) mapper.toCommand(json(identify), 0, NOW)).groups());
    }
}
