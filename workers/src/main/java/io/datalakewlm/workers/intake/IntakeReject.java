package io.datalakewlm.workers.intake;

import java.time.Instant;

/**
 * An object the intake state machine did not queue, and why: its key is outside SDLF's layout
 * {@code <prefix><team>/<dataset>/<table>/<file>}, its dataset has no config in
 * {@code octagon-Dataset}, or the priority table gives it no valid priority.
 *
 * @param objectKey {@code s3://<bucket>/<key>}, as the queue names objects
 * @param version the S3 sequencer of the rejected write (else its ETag)
 */
public record IntakeReject(String bucket, String objectKey, String reason, String version, long size,
                           Instant rejectedAt) { }
