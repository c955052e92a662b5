package io.pixmesh;

import io.pixmesh.cache.CachingFilter;
import io.pixmesh.logging.AccessLogFilter;
import io.pixmesh.serve.LoopFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;

/**
 * Pixmesh's filters as one container filter, in their order: the access log for every request;
 * then, for requests the image servlet is to answer, the loop check and the cache.
 *
 * <p>Why one filter: on every request Tomcat builds the filter chain anew, looking each mapped
 * filter's configuration up under one lock of the whole context ({@code
 * StandardContext.findFilterConfig}). Three filters were three turns at that lock per request,
 * and under load the benchmark's profile showed request threads parked there for 10 ms and more
 * ({@code docs/benchmarks.md}); this is one. Each filter keeps its own class and job, is
 * initialised with this filter's configuration (the cache reads its {@code origin} parameter
 * from it) and is destroyed in reverse order.
 */
public final class FilterPipeline implements Filter {

    /** The servlet whose requests also pass the loop check and the cache. */
    public static final String IMAGE_SERVLET_PARAMETER = "origin";

    private List<Filter> everyRequest;
    private List<Filter> imageRequests;
    private String imageServlet;

    @Override
    public void init(FilterConfig config) throws ServletException {
        imageServlet = config.getInitParameter(IMAGE_SERVLET_PARAMETER);
        if (imageServlet == null) {
            throw new ServletException("filter " + config.getFilterName() + ": init-param '"
                    + IMAGE_SERVLET_PARAMETER + "' must name the image servlet");
        }
        Filter accessLog = new AccessLogFilter();
        Filter loop = new LoopFilter();
        Filter cache = new CachingFilter();
        imageRequests = List.of(accessLog, loop, cache);
        everyRequest = List.of(accessLog);
        for (Filter filter : imageRequests) {
            filter.init(config);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String servlet = ((HttpServletRequest) request).getHttpServletMapping().getServletName();
        new Chain(imageServlet.equals(servlet) ? imageRequests : everyRequest, chain).doFilter(request, response);
    }

    @Override
    public void destroy() {
        for (int i = imageRequests.size() - 1; i >= 0; i--) {
            imageRequests.get(i).destroy();
        }
    }

    /** Runs {@code filters} in order, then the container's chain. One per request. */
    private static final class Chain implements FilterChain {
        private final List<Filter> filters;
        private final FilterChain container;
        private int next;

        Chain(List<Filter> filters, FilterChain container) {
            this.filters = filters;
            this.container = container;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
            if (next < filters.size()) {
                filters.get(next++).doFilter(request, response, this);
            } else {
                container.doFilter(request, response);
            }
        }
    }
}
