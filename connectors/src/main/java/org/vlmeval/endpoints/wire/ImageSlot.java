package org.vlmeval.endpoints.wire;

import org.vlmeval.images.LoadedImage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The place of the inline image's text in a JSON tree: serialized as an empty string whose opening
 * quote marks where the tree's bytes are cut in two, so that the image can be streamed between
 * them. Only the surrounding bytes ever exist in memory; the generator writes everything else
 * exactly as it would for the whole string, so the body is the same byte for byte.
 */
final class ImageSlot implements JsonSerializable {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private int cut = -1;

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeRawValue("\"");
        gen.flush();
        cut = out.size();
        gen.writeRaw('"');
    }

    @Override
    public void serializeWithType(
            JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        serialize(gen, serializers);
    }

    /**
     * The body of {@code tree}, which holds this slot once: {@code head} then {@code image}'s
     * base64 text go where the slot is.
     */
    JsonBody body(Object tree, String head, LoadedImage image) {
        try {
            Json.MAPPER.writeValue(out, tree);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        if (cut < 0) {
            throw new IllegalStateException("the tree does not hold the image slot");
        }
        byte[] all = out.toByteArray();
        return new JsonBody(
                Arrays.copyOfRange(all, 0, cut),
                head,
                image,
                Arrays.copyOfRange(all, cut, all.length));
    }
}
