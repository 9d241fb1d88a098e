/** Spring Boot auto-configuration for ngsign: what an application customises (builder customizers). */
package dev.ngsign.spring.boot;
