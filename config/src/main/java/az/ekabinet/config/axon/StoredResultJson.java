package az.ekabinet.config.axon;

import az.ekabinet.domain.exam.result.ExamResult;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;

/**
 * An exam result as it is stored: its {@linkplain ExamResult#line() line} (events of revision 2: a part of a scoring
 * file holds thousands of results, and as objects their names outweighed their values). A result stored as an object
 * with its components' names (revision 1) still reads.
 */
final class StoredResultJson {

    private StoredResultJson() {
    }

    static SimpleModule module() {
        return new SimpleModule("stored-results")
                .addSerializer(ExamResult.class, new StdSerializer<>(ExamResult.class) {
                    @Override
                    public void serialize(ExamResult result, JsonGenerator json, SerializerProvider provider)
                            throws IOException {
                        json.writeString(result.line());
                    }
                })
                .addDeserializer(ExamResult.class, new StdDeserializer<>(ExamResult.class) {
                    @Override
                    public ExamResult deserialize(JsonParser json, DeserializationContext context) throws IOException {
                        if (json.currentToken() == JsonToken.VALUE_STRING) {
                            return ExamResult.ofLine(json.getText());
                        }
                        return asObject(json.readValueAsTree());
                    }
                });
    }

    private static ExamResult asObject(JsonNode stored) {
        var scores = new ArrayList<Integer>();
        stored.path("scoresTenths").forEach(score -> scores.add(score.intValue()));
        return new ExamResult(stored.path("applicationNumber").asText(), scores, stored.path("totalTenths").intValue(),
                LocalDate.parse(stored.path("examDate").asText()), stored.path("centreCode").asText());
    }
}
