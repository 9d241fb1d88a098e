/** NGS client beans: {@code ngsign.ngs.*} properties, one {@code NgsClient} per account, their lifecycle. */
package dev.ngsign.spring.boot.ngs;
