/** The {@code NavercertClient} bean from {@code navercert.*}, Linkhub's starter's property names included. */
package dev.ngsign.spring.boot.navercert;
