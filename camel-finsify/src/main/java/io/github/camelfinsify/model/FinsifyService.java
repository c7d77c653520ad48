package io.github.camelfinsify.model;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A service Finsify connects to: a bank, a statement source or another provider.
 */
public record FinsifyService(
        @JsonProperty("id") int id,
        @JsonProperty("name") String name,
        @JsonProperty("provider") String provider,
        @JsonProperty("media_path") String mediaPath,
        @JsonProperty("cover_file_name") String coverFileName,
        @JsonProperty("logo_file_name") String logoFileName,
        @JsonProperty("color") ServiceColor color,
        @JsonProperty("type") String type,
        @JsonProperty("country_code") String countryCode,
        @JsonProperty("has_balance") boolean hasBalance,
        @JsonProperty("call_to_action") CallToAction callToAction) {

    /** The full URL of the logo: {@code media_path} followed by {@code logo_file_name}. */
    public String logoUrl() {
        return mediaUrl(logoFileName);
    }

    /**
     * The full URL of the cover in the given size. The size goes before the extension, as the media server expects:
     * {@code ambank-cover.png} becomes {@code ambank-cover-medium.png}.
     */
    public String coverUrl(CoverSize size) {
        Objects.requireNonNull(size, "size");
        if (coverFileName == null) {
            return null;
        }
        int dot = coverFileName.lastIndexOf('.');
        String sized = dot < 0
                ? coverFileName + "-" + size.suffix()
                : coverFileName.substring(0, dot) + "-" + size.suffix() + coverFileName.substring(dot);
        return mediaUrl(sized);
    }

    private String mediaUrl(String fileName) {
        if (fileName == null) {
            return null;
        }
        String base = mediaPath == null ? "" : mediaPath;
        return base.isEmpty() || base.endsWith("/") ? base + fileName : base + "/" + fileName;
    }
}
