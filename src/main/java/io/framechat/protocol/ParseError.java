package io.framechat.protocol;

/** A body the parser rejected, with the error code and a message for the client. */
public record ParseError(ErrorCode code, String message) implements Parsed {
}
