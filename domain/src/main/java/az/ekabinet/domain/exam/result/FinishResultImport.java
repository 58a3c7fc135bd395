package az.ekabinet.domain.exam.result;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The whole scoring file has been read: what came of its lines is put on record. */
public record FinishResultImport(@TargetAggregateIdentifier String resultsId, String importId, String importedBy,
                                 long linesRead, long recorded, long corrected, long unchanged, long rejected) {
}
