package io.troupe.server.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.server.ServerContext;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.project.Project;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.IngestResult;
import io.troupe.storage.load.AmplitudeEvents;
import io.troupe.storage.load.EventProblem;
import io.troupe.storage.load.InvalidEventsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one ingest request on a worker thread, all or nothing: decode it, authenticate its key, check its
 * size, map and validate every item (reporting all problems at once), throttle it, then store it in one
 * {@code EventStore.ingest} call, which returns once the write-ahead log is durable. Any refusal happens before
 * the store is called, so a refused request stores nothing; a store failure stores nothing either (the store's
 * ingest is all or nothing). Thread-safe.
 */
final class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final int THROTTLE_RETRY_SECONDS = 1;

    private final ServerContext context;
    private final ServerConfig config;
    private final SegmentRequests segment;
    private final UserRateLimit rateLimit;

    IngestService(ServerContext context) {
        this.context = context;
        this.config = context.config();
        this.segment = new SegmentRequests(config.segmentGroupTraits());
        this.rateLimit = config.eventsPerUserPerSecond() > 0
                ? new UserRateLimit(config.eventsPerUserPerSecond(), config.clock()) : null;
    }

    /** Handles a request and returns its answer; never throws. */
    IngestResponse handle(IngestRequest request) {
        Endpoint endpoint = request.endpoint();
        long received = config.clock().millis();
        int items = 0;
        try {
            if (!context.state().acceptingRequests()) {
                throw unavailable();
            }
            Upload upload = decode(request);
            items = upload.itemCount();
            Project project = context.projects().byApiKey(upload.apiKey())
                    .orElseThrow(() -> new Rejection(401, ErrorCode.INVALID_API_KEY));
            if (upload.itemCount() > config.maxEventsPerRequest()) {
                throw new Rejection(413, ErrorCode.BATCH_TOO_LARGE, upload.itemCount() + " events in one request, more than"
                        + " the limit of " + config.maxEventsPerRequest() + " (ingest.maxEventsPerRequest): split it");
            }
            List<Command> commands = commands(endpoint.api(), project, upload, received);
            throttle(project, commands, upload);
            IngestResult result = project.store().ingest(commands);
            IngestResponse answer = switch (endpoint.api()) {
                case SEGMENT -> Answers.segmentSuccess();
                case AMPLITUDE -> endpoint == Endpoint.AMPLITUDE_IDENTIFY || endpoint == Endpoint.AMPLITUDE_GROUP_IDENTIFY
                        ? Answers.identifySuccess()
                        : Answers.amplitudeSuccess(upload.itemCount(), request.body().length, received);
            };
            return answer.withCounts(result.eventsStored() + result.identifiesApplied() + result.groupIdentifiesApplied(),
                    result.duplicates(), 0);
        } catch (Rejection r) {
            return Answers.error(endpoint.api(), r, r.status() == 429 ? THROTTLE_RETRY_SECONDS : 0)
                    .withCounts(0, 0, items);
        } catch (TroupeException e) {
            return Answers.error(endpoint.api(), storeFailure(e), 0).withCounts(0, 0, items);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("Ingest request to {} failed unexpectedly; nothing of it was stored", endpoint.path(), e);
            return Answers.error(endpoint.api(), new Rejection(500, ErrorCode.INTERNAL,
                    e.getClass().getSimpleName() + " while ingesting; nothing was stored, the server log has the details"),
                    0).withCounts(0, 0, items);
        }
    }

    private Upload decode(IngestRequest request) {
        return switch (request.endpoint()) {
            case AMPLITUDE_HTTP_API, AMPLITUDE_BATCH -> AmplitudeRequests.events(request);
            case AMPLITUDE_IDENTIFY -> AmplitudeRequests.identify(request);
            case AMPLITUDE_GROUP_IDENTIFY -> AmplitudeRequests.groupIdentify(request);
            default -> segment.decode(request);
        };
    }

    /** Maps every event with the project's live group types; every problem of every item refuses the request. */
    private List<Command> commands(Endpoint.Api api, Project project, Upload upload, long now) {
        AmplitudeEvents mapper = new AmplitudeEvents(type -> project.store().catalog().state().groupType(type) != null,
                upload.minIdLength());
        List<EventProblem> problems = new ArrayList<>(upload.problems());
        List<Command> commands = List.of();
        try {
            commands = mapper.toCommands(upload.events(), now);
        } catch (InvalidEventsException e) {
            e.problems().forEach(p -> problems.add(upload.restate(p)));
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(EventProblem::index));
            throw invalid(api, upload, problems);
        }
        return commands;
    }

    private static Rejection invalid(Endpoint.Api api, Upload upload, List<EventProblem> problems) {
        if (api == Endpoint.Api.SEGMENT) {
            return SegmentRequests.invalid(upload.itemCount(), problems);
        }
        InvalidEventsException invalid = new InvalidEventsException(problems, upload.itemCount());
        ObjectNode fields = invalid.toAmplitudeBody();
        fields.remove(List.of("code", "error"));
        return new Rejection(400, invalid, fields);
    }

    private void throttle(Project project, List<Command> commands, Upload upload) {
        if (rateLimit == null) {
            return;
        }
        UserRateLimit.Throttled throttled = rateLimit.admit(project.name(), commands, upload);
        if (throttled == null) {
            return;
        }
        ObjectNode fields = Answers.JSON.createObjectNode();
        fields.put("eps_threshold", rateLimit.perSecond());
        ObjectNode devices = fields.putObject("throttled_devices");
        throttled.devices().forEach(devices::put);
        ObjectNode users = fields.putObject("throttled_users");
        throttled.users().forEach(users::put);
        ArrayNode items = fields.putArray("throttled_events");
        throttled.items().forEach(items::add);
        fields.putObject("exceeded_daily_quota_devices");
        fields.putObject("exceeded_daily_quota_users");
        String who = throttled.users().size() + " user(s) and " + throttled.devices().size() + " device(s)";
        throw new Rejection(429, new TroupeException(ErrorCode.TOO_MANY_REQUESTS, "Too many requests for some devices"
                + " and users: " + who + " over " + rateLimit.perSecond() + " events per second"
                + " (ingest.eventsPerUserPerSecond); nothing was stored, retry after a second"), fields);
    }

    /** The answer to an error of the store or the catalog: the client's fault (4xx) or the server's (5xx). */
    private static Rejection storeFailure(TroupeException e) {
        ErrorCode code = e.errorCode();
        int status;
        if (code == ErrorCode.BATCH_TOO_LARGE) {
            status = 413;
        } else if (code == ErrorCode.SERVER_NOT_READY || code == ErrorCode.SERVER_SHUTTING_DOWN
                || code == ErrorCode.STORAGE_CLOSED) {
            status = 503;
        } else if (code.isUserError()) {
            status = 400;
        } else {
            LOG.error("Ingest failed in the store; nothing of the request was stored", e);
            status = 500;
        }
        return new Rejection(status, e, null);
    }

    private Rejection unavailable() {
        return new Rejection(503, context.state().shuttingDown() ? ErrorCode.SERVER_SHUTTING_DOWN : ErrorCode.SERVER_NOT_READY);
    }
}
